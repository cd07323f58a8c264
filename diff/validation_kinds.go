package diff

import (
	"regexp"
	"strings"
)

// officialKinds maps the official engine's validation messages to the
// model validator's kinds (validator.Kind). The engine's answers carry no
// error code (cedar-wasm 4.13 gives "code": null), only a message of the
// form "for policy `id`, <what>", so the table matches the message, in
// order, first match wins. It is the one place that knows the official
// wording; a message no row matches is compared as "unmapped: <message>",
// which makes a new wording fail a run instead of hiding it.
//
//	official message                                                   kind
//	unable to guarantee safety of access to optional attribute ...      UnsafeOptionalAttributeAccess
//	unable to guarantee safety of access to tag ...                     UnsafeTagAccess
//	attribute `a` on entity type `T` not found / in context ... not found / attribute `a` not found
//	                                                                    UnsafeAttributeAccess
//	unexpected type: expected T but saw U                               UnexpectedType
//	the types T and U are not compatible                                IncompatibleTypes
//	wrong number of arguments in extension function application         WrongNumberArguments
//	error during extension function argument validation                 FunctionArgumentValidation
//	extension constructors may not be called with non-literal ...       NonLitExtConstructor
//	empty set literals are forbidden in policies                        EmptySetForbidden
//	unrecognized entity type `T`                                        UnrecognizedEntityType
//	unrecognized action `A`                                             UnrecognizedActionId
//	entity ... is of an enumerated entity type, but ... valid eid       InvalidEnumEntity
//	... no tags are allowed / does not allow tags                       NoTagsAllowed
//	undefined extension function                                        UndefinedFunction
//	unable to find an applicable action given the policy scope ...      InvalidActionApplication (a warning in 4.13)
//	policy is impossible: ...                                           ImpossiblePolicy (a warning)
var officialKinds = []struct {
	re   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`unable to guarantee safety of access to optional attribute`), "UnsafeOptionalAttributeAccess"},
	{regexp.MustCompile(`unable to guarantee safety of access to tag`), "UnsafeTagAccess"},
	{regexp.MustCompile("attribute `.*` (on entity type .*|in context .*)?not found"), "UnsafeAttributeAccess"},
	{regexp.MustCompile(`unexpected type: expected`), "UnexpectedType"},
	{regexp.MustCompile(`the types .* are not compatible`), "IncompatibleTypes"},
	{regexp.MustCompile(`wrong number of arguments in extension function application`), "WrongNumberArguments"},
	{regexp.MustCompile(`error during extension function argument validation`), "FunctionArgumentValidation"},
	{regexp.MustCompile(`extension constructors may not be called with non-literal expressions`), "NonLitExtConstructor"},
	{regexp.MustCompile(`empty set literals are forbidden`), "EmptySetForbidden"},
	{regexp.MustCompile(`unrecognized entity type`), "UnrecognizedEntityType"},
	{regexp.MustCompile(`unrecognized action`), "UnrecognizedActionId"},
	{regexp.MustCompile(`is of an enumerated entity type, but .* is not declared as a valid eid`), "InvalidEnumEntity"},
	{regexp.MustCompile(`no tags (are )?allowed|does not allow tags`), "NoTagsAllowed"},
	{regexp.MustCompile(`undefined extension function`), "UndefinedFunction"},
	{regexp.MustCompile(`unable to find an applicable action given the policy scope constraints`), "InvalidActionApplication"},
	{regexp.MustCompile(`policy is impossible`), "ImpossiblePolicy"},
}

// officialKind returns the model's kind for an official validation
// message.
func officialKind(msg string) string {
	for _, row := range officialKinds {
		if row.re.MatchString(msg) {
			return row.kind
		}
	}
	return "unmapped: " + strings.TrimSpace(msg)
}
