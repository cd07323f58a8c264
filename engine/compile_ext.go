package engine

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// extFunc is an extension function or method: its arity and its body,
// which receives the already evaluated arguments.
type extFunc struct {
	arity int
	call  func(pos syntax.Pos, args [2]value) (value, *evalError)
}

var extFuncs map[string]extFunc

func init() {
	extFuncs = map[string]extFunc{
		"decimal":  {1, constructor("decimal", kindDecimal, parseDecimal)},
		"datetime": {1, constructor("datetime", kindDatetime, parseDatetime)},
		"duration": {1, constructor("duration", kindDuration, parseDuration)},
		"ip": {1, func(pos syntax.Pos, args [2]value) (value, *evalError) {
			if args[0].k != kindString {
				return value{}, typeErrorf(pos, "ip: expected string, got %s", args[0].k)
			}
			ip, ok := parseIPAddr(args[0].str())
			if !ok {
				return value{}, errorf(ExtensionError, pos, "ip: invalid address %q", args[0].str())
			}
			return value{k: kindIPAddr, ref: ip}, nil
		}},

		"lessThan":           decimalCmp("lessThan", func(a, b int64) bool { return a < b }),
		"lessThanOrEqual":    decimalCmp("lessThanOrEqual", func(a, b int64) bool { return a <= b }),
		"greaterThan":        decimalCmp("greaterThan", func(a, b int64) bool { return a > b }),
		"greaterThanOrEqual": decimalCmp("greaterThanOrEqual", func(a, b int64) bool { return a >= b }),

		"isIpv4":      ipPredicate("isIpv4", func(ip *ipAddr) bool { return ip.v4 }),
		"isIpv6":      ipPredicate("isIpv6", func(ip *ipAddr) bool { return !ip.v4 }),
		"isLoopback":  ipPredicate("isLoopback", (*ipAddr).isLoopback),
		"isMulticast": ipPredicate("isMulticast", (*ipAddr).isMulticast),
		"isInRange": {2, func(pos syntax.Pos, args [2]value) (value, *evalError) {
			if args[0].k != kindIPAddr || args[1].k != kindIPAddr {
				return value{}, typeErrorf(pos, "isInRange: expected two ipaddrs, got %s and %s", args[0].k, args[1].k)
			}
			return boolValue(args[0].ip().isInRange(args[1].ip())), nil
		}},

		"offset": {2, func(pos syntax.Pos, args [2]value) (value, *evalError) {
			if args[0].k != kindDatetime || args[1].k != kindDuration {
				return value{}, typeErrorf(pos, "offset: expected datetime and duration, got %s and %s", args[0].k, args[1].k)
			}
			n, ok := addChecked(args[0].n, args[1].n)
			if !ok {
				return value{}, errorf(ExtensionError, pos, "offset: datetime overflow")
			}
			return value{k: kindDatetime, n: n}, nil
		}},
		"durationSince": {2, func(pos syntax.Pos, args [2]value) (value, *evalError) {
			if args[0].k != kindDatetime || args[1].k != kindDatetime {
				return value{}, typeErrorf(pos, "durationSince: expected two datetimes, got %s and %s", args[0].k, args[1].k)
			}
			n, ok := subChecked(args[0].n, args[1].n)
			if !ok {
				return value{}, errorf(ExtensionError, pos, "durationSince: duration overflow")
			}
			return value{k: kindDuration, n: n}, nil
		}},
		"toDate": {1, func(pos syntax.Pos, args [2]value) (value, *evalError) {
			if args[0].k != kindDatetime {
				return value{}, typeErrorf(pos, "toDate: expected datetime, got %s", args[0].k)
			}
			n, ok := toDate(args[0].n)
			if !ok {
				return value{}, errorf(ExtensionError, pos, "toDate: datetime overflow")
			}
			return value{k: kindDatetime, n: n}, nil
		}},
		"toTime": {1, func(pos syntax.Pos, args [2]value) (value, *evalError) {
			if args[0].k != kindDatetime {
				return value{}, typeErrorf(pos, "toTime: expected datetime, got %s", args[0].k)
			}
			return value{k: kindDuration, n: toTime(args[0].n)}, nil
		}},

		"toMilliseconds": durationTo("toMilliseconds", 1),
		"toSeconds":      durationTo("toSeconds", msPerSecond),
		"toMinutes":      durationTo("toMinutes", msPerMinute),
		"toHours":        durationTo("toHours", msPerHour),
		"toDays":         durationTo("toDays", msPerDay),
	}
}

func constructor(name string, k kind, parse func(string) (int64, bool)) func(syntax.Pos, [2]value) (value, *evalError) {
	return func(pos syntax.Pos, args [2]value) (value, *evalError) {
		if args[0].k != kindString {
			return value{}, typeErrorf(pos, "%s: expected string, got %s", name, args[0].k)
		}
		n, ok := parse(args[0].str())
		if !ok {
			return value{}, errorf(ExtensionError, pos, "%s: invalid literal %q", name, args[0].str())
		}
		return value{k: k, n: n}, nil
	}
}

func decimalCmp(name string, f func(a, b int64) bool) extFunc {
	return extFunc{2, func(pos syntax.Pos, args [2]value) (value, *evalError) {
		if args[0].k != kindDecimal || args[1].k != kindDecimal {
			return value{}, typeErrorf(pos, "%s: expected two decimals, got %s and %s", name, args[0].k, args[1].k)
		}
		return boolValue(f(args[0].n, args[1].n)), nil
	}}
}

func ipPredicate(name string, f func(*ipAddr) bool) extFunc {
	return extFunc{1, func(pos syntax.Pos, args [2]value) (value, *evalError) {
		if args[0].k != kindIPAddr {
			return value{}, typeErrorf(pos, "%s: expected ipaddr, got %s", name, args[0].k)
		}
		return boolValue(f(args[0].ip())), nil
	}}
}

func durationTo(name string, unit int64) extFunc {
	return extFunc{1, func(pos syntax.Pos, args [2]value) (value, *evalError) {
		if args[0].k != kindDuration {
			return value{}, typeErrorf(pos, "%s: expected duration, got %s", name, args[0].k)
		}
		return longValue(args[0].n / unit), nil
	}}
}

// call compiles an extension function or method call. The arguments are
// evaluated first, left to right; an unknown function or a wrong number
// of arguments is an error only when the call is evaluated.
func (c *compiler) call(e *syntax.Call) (node, error) {
	// Extension functions take one or two arguments: the nodes of a
	// well-formed call stay in buf.
	var buf [2]node
	args := buf[:0]
	for _, a := range e.Args {
		n, err := c.compile(a)
		if err != nil {
			return node{}, err
		}
		args = append(args, n)
	}
	pos, name := e.Pos, e.Name
	f, known := extFuncs[name]
	var fail *evalError
	switch {
	case !known:
		fail = typeErrorf(pos, "unknown extension function %q", name)
	case f.arity != len(args):
		fail = typeErrorf(pos, "%s: expected %d arguments, got %d", name, f.arity, len(args))
	}
	if fail != nil {
		fns := make([]evalFn, len(args))
		for i, a := range args {
			fns[i] = a.fn()
		}
		return fold(func(en *env) (value, *evalError) {
			for _, f := range fns {
				if _, err := f(en); err != nil {
					return value{}, err
				}
			}
			return value{}, fail
		}, true, args...), nil
	}
	body := f.call
	if len(args) == 1 {
		f0 := args[0].fn()
		return fold(func(en *env) (value, *evalError) {
			v, err := f0(en)
			if err != nil {
				return value{}, err
			}
			return body(pos, [2]value{v})
		}, true, args...), nil
	}
	f0, f1 := args[0].fn(), args[1].fn()
	return fold(func(en *env) (value, *evalError) {
		v, err := f0(en)
		if err != nil {
			return value{}, err
		}
		w, err := f1(en)
		if err != nil {
			return value{}, err
		}
		return body(pos, [2]value{v, w})
	}, true, args...), nil
}
