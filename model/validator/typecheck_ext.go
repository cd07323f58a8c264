package validator

import (
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// extFunc is the signature of an extension function. A constructor takes
// one String, which the validator requires to be a literal that parses.
type extFunc struct {
	args   []Type
	result Type
	parse  func(string) error // non-nil for constructors
}

var (
	decimalType  = ExtType{"decimal"}
	ipaddrType   = ExtType{"ipaddr"}
	datetimeType = ExtType{"datetime"}
	durationType = ExtType{"duration"}
)

// extFuncs are the extension functions and methods of Cedar 4.5. For a
// method the receiver is the first argument.
var extFuncs = map[string]extFunc{
	"decimal":            {[]Type{StringType{}}, decimalType, parseWith(model.ParseDecimal)},
	"ip":                 {[]Type{StringType{}}, ipaddrType, parseWith(model.ParseIPAddr)},
	"datetime":           {[]Type{StringType{}}, datetimeType, parseWith(model.ParseDatetime)},
	"duration":           {[]Type{StringType{}}, durationType, parseWith(model.ParseDuration)},
	"lessThan":           {[]Type{decimalType, decimalType}, boolAny, nil},
	"lessThanOrEqual":    {[]Type{decimalType, decimalType}, boolAny, nil},
	"greaterThan":        {[]Type{decimalType, decimalType}, boolAny, nil},
	"greaterThanOrEqual": {[]Type{decimalType, decimalType}, boolAny, nil},
	"isIpv4":             {[]Type{ipaddrType}, boolAny, nil},
	"isIpv6":             {[]Type{ipaddrType}, boolAny, nil},
	"isLoopback":         {[]Type{ipaddrType}, boolAny, nil},
	"isMulticast":        {[]Type{ipaddrType}, boolAny, nil},
	"isInRange":          {[]Type{ipaddrType, ipaddrType}, boolAny, nil},
	"offset":             {[]Type{datetimeType, durationType}, datetimeType, nil},
	"durationSince":      {[]Type{datetimeType, datetimeType}, durationType, nil},
	"toDate":             {[]Type{datetimeType}, datetimeType, nil},
	"toTime":             {[]Type{datetimeType}, durationType, nil},
	"toMilliseconds":     {[]Type{durationType}, LongType{}, nil},
	"toSeconds":          {[]Type{durationType}, LongType{}, nil},
	"toMinutes":          {[]Type{durationType}, LongType{}, nil},
	"toHours":            {[]Type{durationType}, LongType{}, nil},
	"toDays":             {[]Type{durationType}, LongType{}, nil},
}

// parseWith adapts one of the model's extension parsers: the validator
// only needs to know whether a string parses.
func parseWith[V any](parse func(string) (V, error)) func(string) error {
	return func(s string) error {
		_, err := parse(s)
		return err
	}
}

// typeOfCall: the function must exist and get as many arguments as it
// takes, each of exactly the declared type. A constructor's argument must
// moreover be a string literal that parses, so that a validated policy
// cannot fail on a malformed extension value.
func (c *checker) typeOfCall(e *syntax.Call, caps capabilities) (Type, *typeError) {
	types := make([]Type, len(e.Args))
	for i, a := range e.Args {
		t, err := c.typeOnly(a, caps)
		if err != nil {
			return nil, err
		}
		types[i] = t
	}
	f, ok := extFuncs[e.Name]
	if !ok {
		return nil, errorf(UndefinedFunction, e, "no extension function is named %s", e.Name)
	}
	if len(e.Args) != len(f.args) {
		return nil, errorf(WrongNumberArguments, e, "%s takes %d argument(s), not %d", e.Name, len(f.args), len(e.Args))
	}
	if f.parse != nil {
		lit, ok := e.Args[0].(*syntax.Literal)
		if !ok {
			return nil, errorf(NonLitExtConstructor, e, "the argument of %s must be a string literal", e.Name)
		}
		if s, ok := lit.Value.(string); ok {
			if err := f.parse(s); err != nil {
				return nil, errorf(FunctionArgumentValidation, e, "invalid argument to %s: %s", e.Name, err)
			}
		}
	}
	for i, want := range f.args {
		if !equalTypes(types[i], want) {
			return nil, unexpected(e.Args[i], types[i], want.String())
		}
	}
	return f.result, nil
}
