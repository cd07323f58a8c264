package diff

import (
	"fmt"
	"runtime/debug"

	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// EvaluateValues evaluates with model.Evaluate; values are written with
// model.ValueExpr.
func (modelImpl) EvaluateValues(in *Input, reqs []*syntax.Request, exprs []syntax.Expr) ([][]ValueAnswer, error) {
	es, err := model.NewEntities(in.Entities)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	out := make([][]ValueAnswer, len(reqs))
	for j, req := range reqs {
		env, err := model.NewEnv(req, es)
		out[j] = make([]ValueAnswer, len(exprs))
		for k, e := range exprs {
			if err != nil {
				out[j][k] = ValueAnswer{Err: fmt.Errorf("request: %w", err)}
				continue
			}
			out[j][k] = catchValue("model", func() (syntax.Expr, error) {
				v, err := env.Eval(e)
				if err != nil {
					return nil, err
				}
				return model.ValueExpr(v), nil
			})
		}
	}
	return out, nil
}

// EvaluateValues evaluates with engine.Evaluate; values are written with
// engine.Value.Expr.
func (engineImpl) EvaluateValues(in *Input, reqs []*syntax.Request, exprs []syntax.Expr) ([][]ValueAnswer, error) {
	es, err := engine.NewEntityStore(in.Entities, in.Schema)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	out := make([][]ValueAnswer, len(reqs))
	for j, req := range reqs {
		ereq, err := engine.NewRequest(*req)
		out[j] = make([]ValueAnswer, len(exprs))
		for k, e := range exprs {
			if err != nil {
				out[j][k] = ValueAnswer{Err: fmt.Errorf("request: %w", err)}
				continue
			}
			out[j][k] = catchValue("engine", func() (syntax.Expr, error) {
				v, err := engine.Evaluate(e, ereq, es)
				if err != nil {
					return nil, err
				}
				return v.Expr(), nil
			})
		}
	}
	return out, nil
}

// catchValue runs one evaluation and turns a panic into the answer's Err.
func catchValue(impl string, f func() (syntax.Expr, error)) (a ValueAnswer) {
	defer func() {
		if v := recover(); v != nil {
			a = ValueAnswer{Err: &PanicError{Impl: impl, Value: v, Stack: debug.Stack()}}
		}
	}()
	v, err := f()
	return ValueAnswer{Value: v, Err: err}
}
