package cedarjson

// extensionFunctions are the extension function and method names Cedar
// knows. Cedar rejects any other name where policy JSON or an __extn
// escape names a function: in policy JSON a key that is neither an
// operator nor one of these is an unknown operator, and an entity or
// context value calling another function fails to load. (Arity and
// argument types are checked only at evaluation.) "unknown" is the
// partial-evaluation placeholder, which Cedar also accepts.
var extensionFunctions = map[string]bool{
	"ip": true, "isIpv4": true, "isIpv6": true, "isLoopback": true, "isMulticast": true, "isInRange": true,
	"decimal": true, "lessThan": true, "lessThanOrEqual": true, "greaterThan": true, "greaterThanOrEqual": true,
	"datetime": true, "duration": true, "offset": true, "durationSince": true, "toDate": true, "toTime": true,
	"toDays": true, "toHours": true, "toMinutes": true, "toSeconds": true, "toMilliseconds": true,
	"unknown": true,
}
