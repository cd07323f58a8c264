package cedarwasm

// DetailedError is the engine's report of one error.
type DetailedError struct {
	Message string  `json:"message"`
	Help    *string `json:"help"`
}
