package parser

// The call names the parser knows. Extension functions are called in
// function style, built-in and extension methods in method style; calling
// either in the other style, or calling an unknown name, is a parse error.
// The arity of extension calls is checked at evaluation, not here.

// extFunctions are the extension functions (constructors).
var extFunctions = map[string]bool{
	"ip": true, "decimal": true, "datetime": true, "duration": true,
}

// extMethods are the extension methods.
var extMethods = map[string]bool{
	// decimal
	"lessThan": true, "lessThanOrEqual": true, "greaterThan": true, "greaterThanOrEqual": true,
	// ipaddr
	"isIpv4": true, "isIpv6": true, "isLoopback": true, "isMulticast": true, "isInRange": true,
	// datetime and duration
	"offset": true, "durationSince": true, "toDate": true, "toTime": true,
	"toMilliseconds": true, "toSeconds": true, "toMinutes": true, "toHours": true, "toDays": true,
}

// IsExtensionFunction reports whether name is an extension function
// written in function style, such as "ip".
func IsExtensionFunction(name string) bool { return extFunctions[name] }

// IsExtensionMethod reports whether name is an extension method written in
// method style, such as "isInRange".
func IsExtensionMethod(name string) bool { return extMethods[name] }

// builtinMethods maps the built-in method names to their number of
// arguments (besides the receiver).
var builtinMethods = map[string]int{
	"contains": 1, "containsAll": 1, "containsAny": 1, "isEmpty": 0, "getTag": 1, "hasTag": 1,
}
