package protocol

import "encoding/json"

// Version is the protocol version this package speaks. A server answers
// the hello request with the version it speaks; the client refuses a
// server whose version differs.
const Version = 1

// MaxLine is the longest line, in bytes, either side may write.
const MaxLine = 64 << 20

// Op names an operation. Every operation but hello is a capability a
// server may or may not have.
type Op string

const (
	OpHello            Op = "hello"
	OpAuthorize        Op = "authorize"
	OpValidate         Op = "validate"
	OpValidateRequest  Op = "validate-request"
	OpValidateEntities Op = "validate-entities"
	OpParsePolicies    Op = "parse-policies"
	OpParseSchema      Op = "parse-schema"
	OpEvaluate         Op = "evaluate"
	OpFormat           Op = "format"
	OpPartialAuthorize Op = "partial-authorize"
	// Additions of version 1 (docs/protocol.md): the official engine's
	// server offers them.
	OpValidateContext Op = "validate-context"
	OpRequestEnvs     Op = "request-envs"
	OpBatch           Op = "batch"
)

// Capabilities lists every capability a hello answer may name.
var Capabilities = []Op{OpAuthorize, OpValidate, OpValidateRequest, OpValidateEntities,
	OpParsePolicies, OpParseSchema, OpEvaluate, OpFormat, OpPartialAuthorize,
	OpValidateContext, OpRequestEnvs, OpBatch}

// Request is one line the client writes. Which fields are set depends on
// Op (see docs/protocol.md): Protocol for hello; Test for authorize,
// validate, validate-request, validate-entities, evaluate and
// partial-authorize, validate-context and request-envs; Text for
// parse-policies, parse-schema and format (and, with Test, the
// expression of evaluate); JSON, in place of Text, for a JSON schema to
// parse-schema; Data, in place of the structured member, for the exact
// JSON text that validate-entities (the entities), validate-context (the
// context of its one request) and parse-schema (a JSON schema) read, so
// that a reader can be tested on text that is not strict JSON (a
// malformed escape, say); Requests for batch (their IDs are not sent).
type Request struct {
	ID       int64           `json:"id"`
	Op       Op              `json:"op"`
	Protocol int             `json:"protocol,omitempty"`
	Test     *Test           `json:"test,omitempty"`
	Text     *string         `json:"text,omitempty"`
	JSON     json.RawMessage `json:"json,omitempty"`
	Data     *string         `json:"data,omitempty"`
	Requests []BatchRequest  `json:"requests,omitempty"`
}

// BatchRequest is one request of a batch: a Request without an id.
type BatchRequest struct {
	Op   Op              `json:"op"`
	Test *Test           `json:"test,omitempty"`
	Text *string         `json:"text,omitempty"`
	JSON json.RawMessage `json:"json,omitempty"`
	Data *string         `json:"data,omitempty"`
}

// Test is everything one test gives an implementation. Fields an
// operation does not need may be left out.
type Test struct {
	// Policies are the static policies and templates, in order, each with
	// its id, as Cedar text, policy JSON, or both.
	Policies      []Policy       `json:"policies"`
	TemplateLinks []TemplateLink `json:"templateLinks,omitempty"`
	// Entities is an entity JSON array (Cedar's entities format).
	Entities json.RawMessage `json:"entities,omitempty"`
	Schema   *Schema         `json:"schema,omitempty"`
	Requests []AuthRequest   `json:"requests,omitempty"`
}

// Policy is one static policy or template. Text is Cedar text holding
// exactly that one policy (its id is ID, whatever annotations say); JSON
// is its policy JSON (Cedar's EST). At least one is present; when both
// are, they are the same policy.
type Policy struct {
	ID       string          `json:"id"`
	Template bool            `json:"template,omitempty"`
	Text     string          `json:"text,omitempty"`
	JSON     json.RawMessage `json:"json,omitempty"`
	// Errors, in a parse-policies result, say why the implementation
	// parsed this policy but could not write its policy JSON.
	Errors []string `json:"errors,omitempty"`
}

// TemplateLink links template TemplateID into a policy NewID, giving each
// slot ("?principal", "?resource") an entity.
type TemplateLink struct {
	TemplateID string               `json:"templateId"`
	NewID      string               `json:"newId"`
	Values     map[string]EntityUID `json:"values"`
}

// Schema is a schema as Cedar schema text or as Cedar's JSON schema
// format; exactly one is present.
type Schema struct {
	Text string          `json:"text,omitempty"`
	JSON json.RawMessage `json:"json,omitempty"`
}

// EntityUID is an entity's type and id.
type EntityUID struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// AuthRequest is one authorization request. Context is a record in
// Cedar's value JSON; absent means the empty record. In
// partial-authorize, a nil Principal, Action or Resource, or a null
// Context, is unknown.
type AuthRequest struct {
	Principal *EntityUID      `json:"principal"`
	Action    *EntityUID      `json:"action"`
	Resource  *EntityUID      `json:"resource"`
	Context   json.RawMessage `json:"context,omitempty"`
}

// Response is one line a server writes: exactly one of Result,
// Unsupported and Error. ID is the request's id, or null when the
// request line could not be read.
type Response struct {
	ID          *int64          `json:"id"`
	Result      json.RawMessage `json:"result,omitempty"`
	Unsupported *Unsupported    `json:"unsupported,omitempty"`
	Error       *Error          `json:"error,omitempty"`
}

// Unsupported says that the server cannot do what was asked: an
// operation it lacks, or a feature of the test (Feature is a short name
// such as "conditions", "templates", "datetime extension").
type Unsupported struct {
	Feature string `json:"feature"`
	Message string `json:"message,omitempty"`
}

// Error says that the server could not answer the request at all: the
// test was rejected (a policy did not parse, the entities were invalid),
// or the request line could not be read.
type Error struct {
	Message string `json:"message"`
	// Inconclusive says that the failure was the server's own (an
	// exception inside the implementation, not a verdict on the test):
	// the client counts the work inconclusive, without a retry.
	Inconclusive bool `json:"inconclusive,omitempty"`
}

// Hello is the result of hello.
type Hello struct {
	Protocol     int    `json:"protocol"`
	Name         string `json:"name"`
	Version      string `json:"version"`
	Cedar        string `json:"cedar"`
	Capabilities []Op   `json:"capabilities"`
	// Ignored lists the capabilities the server named that this client
	// does not know (operations added to the protocol later): they are
	// left out of Capabilities and never asked for.
	Ignored []Op `json:"-"`
}

// Has reports whether the server named op among its capabilities.
func (h Hello) Has(op Op) bool {
	for _, c := range h.Capabilities {
		if c == op {
			return true
		}
	}
	return false
}

// AuthorizeResult is the result of authorize: one answer per request, in
// order.
type AuthorizeResult struct {
	Answers []Answer `json:"answers"`
}

// Answer is the answer to one authorization request: a decision with
// the ids of the policies that determined it and of those that errored,
// or Error when this request could not be authorized at all.
type Answer struct {
	Decision string        `json:"decision,omitempty"` // "allow" or "deny"
	Reasons  []string      `json:"reasons,omitempty"`
	Errors   []PolicyError `json:"errors,omitempty"`
	Error    string        `json:"error,omitempty"`
}

// PolicyError is an error of one policy. Kind is one of ErrorKinds.
type PolicyError struct {
	Policy  string `json:"policy"`
	Kind    string `json:"kind,omitempty"`
	Message string `json:"message,omitempty"`
}

// ErrorKinds are the kinds of evaluation errors, spelled as the Lean
// specification of Cedar spells them; "other" is any error none of them
// describes.
var ErrorKinds = []string{"entityDoesNotExist", "attrDoesNotExist", "tagDoesNotExist",
	"typeError", "arithBoundsError", "extensionError", "recursionLimit", "other"}

// ValidateResult is the result of validate (strict mode). Warnings do
// not make the policies invalid.
type ValidateResult struct {
	Valid    bool          `json:"valid"`
	Errors   []PolicyError `json:"errors,omitempty"`
	Warnings []PolicyError `json:"warnings,omitempty"`
}

// Validity is a yes or no with reasons: the result of validate-entities,
// parse-schema (with JSON) and one answer of validate-request.
type Validity struct {
	Valid  bool            `json:"valid"`
	Errors []string        `json:"errors,omitempty"`
	JSON   json.RawMessage `json:"json,omitempty"`
}

// ValidateRequestResult is the result of validate-request: one Validity
// per request, in order.
type ValidateRequestResult struct {
	Answers []Validity `json:"answers"`
}

// ParsePoliciesResult is the result of parse-policies: whether the text
// parsed, and then each policy's policy JSON with the id Cedar gives it
// (policy0, policy1, ... by position).
type ParsePoliciesResult struct {
	Valid    bool     `json:"valid"`
	Policies []Policy `json:"policies,omitempty"`
	Errors   []string `json:"errors,omitempty"`
}

// EvaluateResult is the result of evaluate: the value in Cedar's value
// JSON, or the error.
type EvaluateResult struct {
	Value json.RawMessage `json:"value,omitempty"`
	Error *PolicyError    `json:"error,omitempty"`
}

// FormatResult is the result of format.
type FormatResult struct {
	Valid  bool     `json:"valid"`
	Text   string   `json:"text,omitempty"`
	Errors []string `json:"errors,omitempty"`
}

// PartialAuthorizeResult is the result of partial-authorize: one answer
// per request.
type PartialAuthorizeResult struct {
	Answers []PartialAnswer `json:"answers"`
}

// PartialAnswer is a partial decision: Decision is "allow", "deny" or
// "unknown"; Residuals are the policies left to decide it, in policy
// JSON in which {"unknown": [...]} stands for an unknown value (the
// official engine gives the residual of every policy). Satisfied,
// Errored, MayBeDetermining and MustBeDetermining are policy ids as the
// official engine's isAuthorizedPartial gives them: the policies known
// to be satisfied, known to error, that may determine the decision once
// the unknowns are known, and that will determine it whatever they are.
type PartialAnswer struct {
	Decision          string        `json:"decision,omitempty"`
	Reasons           []string      `json:"reasons,omitempty"`
	Satisfied         []string      `json:"satisfied,omitempty"`
	Errored           []string      `json:"errored,omitempty"`
	MayBeDetermining  []string      `json:"mayBeDetermining,omitempty"`
	MustBeDetermining []string      `json:"mustBeDetermining,omitempty"`
	Residuals         []Policy      `json:"residuals,omitempty"`
	Errors            []PolicyError `json:"errors,omitempty"`
	Error             string        `json:"error,omitempty"`
}

// RequestEnvsResult is the result of request-envs: for each static
// policy (by id), the request environments in which it can apply.
type RequestEnvsResult struct {
	Envs map[string]RequestEnvs `json:"envs"`
}

// RequestEnvs are the principal types, actions (as `Action::"id"`) and
// resource types of the environments one policy applies in, or Error.
type RequestEnvs struct {
	Principals []string `json:"principals,omitempty"`
	Actions    []string `json:"actions,omitempty"`
	Resources  []string `json:"resources,omitempty"`
	Error      string   `json:"error,omitempty"`
}

// BatchResult is the result of batch: one answer per request, in order.
type BatchResult struct {
	Answers []BatchAnswer `json:"answers"`
}

// BatchAnswer is one answer of a batch: exactly one of Result,
// Unsupported and Error, as in Response, and the microseconds the
// implementation spent on it.
type BatchAnswer struct {
	Result      json.RawMessage `json:"result,omitempty"`
	Unsupported *Unsupported    `json:"unsupported,omitempty"`
	Error       *Error          `json:"error,omitempty"`
	Micros      int64           `json:"micros"`
}
