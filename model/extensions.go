package model

// extensionFunction is one extension function or method: the number of
// arguments it takes (a method's receiver is its first argument) and its
// implementation, which checks the argument types itself.
type extensionFunction struct {
	arity int
	call  func(args []Value) (Value, error)
}

// extensionFunctions lists every extension function of Cedar 4.5 by name.
var extensionFunctions = mergeFunctions(decimalFunctions, ipaddrFunctions,
	datetimeFunctions, durationFunctions)

func mergeFunctions(tables ...map[string]extensionFunction) map[string]extensionFunction {
	out := map[string]extensionFunction{}
	for _, t := range tables {
		for name, f := range t {
			out[name] = f
		}
	}
	return out
}

// callExtension applies the extension function name to already evaluated
// arguments. An unknown name or a wrong number of arguments is a
// TypeError; so is an argument of the wrong type. A failure of the
// function itself is an ExtensionError.
func callExtension(name string, args []Value) (Value, error) {
	f, ok := extensionFunctions[name]
	if !ok {
		return nil, typeErrorf("unknown extension function %s", name)
	}
	if len(args) != f.arity {
		return nil, typeErrorf("%s takes %d argument(s), got %d", name, f.arity, len(args))
	}
	return f.call(args)
}

// asString returns v as a String or a TypeError.
func asString(v Value) (String, error) {
	s, ok := v.(String)
	if !ok {
		return "", expectedType("string", v)
	}
	return s, nil
}
