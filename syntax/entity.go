package syntax

// EntityData is one entity as given in entity JSON, before evaluation.
// Attribute and tag values are restricted expressions: literals, set and
// record literals, entity literals, and extension calls whose arguments are
// restricted expressions. Each implementation evaluates them itself.
type EntityData struct {
	Pos     Pos
	UID     EntityUID
	Attrs   []Field // in source order; keys unique
	Parents []EntityUID
	Tags    []Field // in source order; keys unique; nil when absent
}

// Request is an authorization request. Context is a restricted record
// expression (a *RecordExpr when parsed from JSON).
type Request struct {
	Principal EntityUID
	Action    EntityUID
	Resource  EntityUID
	Context   Expr
}
