package diff

// KnownPartialQuirk is a documented behaviour of the official engine's
// partial authorization (isAuthorizedPartial in @cedar-policy/cedar-wasm)
// that differs from what the model and the engine do, with the way the
// cedar-wasm adapter (impl_cedarwasm_partial.go) accounts for it so that
// it is not reported as a finding. Only genuine differences of the
// official engine belong here; where the official engine is right, the
// model and the engine follow it.
type KnownPartialQuirk struct {
	Name    string
	Example string
	Handled string
}

// KnownPartialQuirks are the official engine's partial quirks.
var KnownPartialQuirks = []KnownPartialQuirk{
	{
		Name: "context-unknowns-with-schema",
		Example: `with a schema declaring context {score: Long} for Action::"share", the partial request ` +
			`context {score: unknown("context.score")} is refused ("context ... is not valid for Action::\"share\""): ` +
			`the official engine validates the context against the schema and an unknown has no type`,
		Handled: "the adapter sends partial requests without the schema (the model and the engine do not validate partial requests)",
	},
	{
		Name: "residual-keeps-slots",
		Example: `the residual of link0, a link of permit(principal, action, resource == ?resource) when { principal.a }, ` +
			`with an unknown principal, has {"Slot": "?resource"} in its condition instead of the linked entity`,
		Handled: "the adapter puts the link's values in the residual's slots before reading it",
	},
	{
		Name: "residuals-of-decided-policies",
		Example: `the official engine gives a residual for every policy, also one already satisfied (residual true), ` +
			`errored, or false (residual false)`,
		Handled: "the adapter keeps only the residuals of the policies left to decide, as the model and the engine give them",
	},
	{
		Name:    "no-unknown-context",
		Example: `a partial request whose whole context is unknown: the official engine takes unknowns only as context attribute values`,
		Handled: "the adapter answers such a request with an UnsupportedError (not compared)",
	},
}
