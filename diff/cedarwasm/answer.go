package cedarwasm

// AuthorizationAnswer is the engine's answer to isAuthorized. Type is
// "success" or "failure"; a failure (bad input) lists Errors.
type AuthorizationAnswer struct {
	Type     string          `json:"type"`
	Response *Response       `json:"response"`
	Errors   []DetailedError `json:"errors"`
}

// Response is a decision with its diagnostics. Reason and Errors come in no
// stable order.
type Response struct {
	Decision    string `json:"decision"` // "allow" or "deny"
	Diagnostics struct {
		Reason []string      `json:"reason"`
		Errors []PolicyError `json:"errors"`
	} `json:"diagnostics"`
}

// PolicyError is an error raised while evaluating one policy.
type PolicyError struct {
	PolicyID string        `json:"policyId"`
	Error    DetailedError `json:"error"`
}

// DetailedError is the engine's error report.
type DetailedError struct {
	Message string  `json:"message"`
	Help    *string `json:"help"`
}

// CheckParseAnswer is the answer to a parse check or preparse.
type CheckParseAnswer struct {
	Type   string          `json:"type"`
	Errors []DetailedError `json:"errors"`
}

// ValidationAnswer is the engine's answer to validate.
type ValidationAnswer struct {
	Type               string          `json:"type"`
	ValidationErrors   []PolicyError   `json:"validationErrors"`
	ValidationWarnings []PolicyError   `json:"validationWarnings"`
	Errors             []DetailedError `json:"errors"`
}

// RequestEnvsAnswer is the engine's answer to getValidRequestEnvsPolicy:
// the principal types, actions (as `Action::"id"`) and resource types of
// the request environments in which the policy can apply, each a set in
// no stable order.
type RequestEnvsAnswer struct {
	Type       string   `json:"type"` // "success" or "failure"
	Principals []string `json:"principals"`
	Actions    []string `json:"actions"`
	Resources  []string `json:"resources"`
	Error      string   `json:"error"`
}
