package engine

import (
	"fmt"
	"math/rand"
	"strings"
)

// benchScenario is a policy set, entities and requests in Cedar text and
// JSON, so that the engine and cedar-go read exactly the same input.
type benchScenario struct {
	name     string
	policies string
	entities string
	requests []string
}

func uidJSON(t, id string) string { return fmt.Sprintf(`{"type":%q,"id":%q}`, t, id) }

// entityJSON renders one entity; attrs is a JSON object body.
func entityJSON(t, id, attrs string, parents ...string) string {
	return fmt.Sprintf(`{"uid":%s,"attrs":{%s},"parents":[%s]}`, uidJSON(t, id), attrs, strings.Join(parents, ","))
}

func requestJSON(p, a, r, ctx string) string {
	return fmt.Sprintf(`{"principal":%s,"action":%s,"resource":%s,"context":%s}`, p, a, r, ctx)
}

// tinyTodo is a small application in the style of TinyTodo: about ten
// policies over 50 entities, with attribute and group conditions.
func tinyTodo() benchScenario {
	var ents []string
	ents = append(ents, entityJSON("Application", "TinyTodo", ""))
	for i := 0; i < 10; i++ {
		ents = append(ents, entityJSON("Team", fmt.Sprint("t", i), "", uidJSON("Application", "TinyTodo")))
	}
	for i := 0; i < 20; i++ {
		ents = append(ents, entityJSON("User", fmt.Sprint("u", i),
			fmt.Sprintf(`"level":%d,"blocked":%v,"name":"user%d"`, i%5, i == 13, i),
			uidJSON("Team", fmt.Sprint("t", i%10)), uidJSON("Application", "TinyTodo")))
	}
	for i := 0; i < 19; i++ {
		ents = append(ents, entityJSON("List", fmt.Sprint("l", i),
			fmt.Sprintf(`"owner":{"__entity":%s},"readers":{"__entity":%s},"editors":{"__entity":%s},"tags":["work","p%d"]`,
				uidJSON("User", fmt.Sprint("u", i)), uidJSON("Team", fmt.Sprint("t", (i+1)%10)), uidJSON("Team", fmt.Sprint("t", (i+2)%10)), i%3),
			uidJSON("Application", "TinyTodo")))
	}
	policies := `
permit(principal, action == Action::"CreateList", resource == Application::"TinyTodo");
permit(principal, action == Action::"GetLists", resource == Application::"TinyTodo");
permit(principal, action, resource is List) when { resource.owner == principal };
permit(principal, action == Action::"GetList", resource is List)
  when { principal in resource.readers || principal in resource.editors };
permit(principal, action in [Action::"UpdateList", Action::"CreateTask", Action::"UpdateTask", Action::"DeleteTask"], resource is List)
  when { principal in resource.editors };
permit(principal in Team::"t0", action, resource in Application::"TinyTodo");
permit(principal, action == Action::"GetList", resource is List)
  when { context.location like "office-*" && principal.level >= 3 && resource.tags.contains("work") };
forbid(principal, action, resource) when { principal.blocked };
forbid(principal, action in [Action::"DeleteList", Action::"EditShare"], resource is List)
  unless { resource.owner == principal };
forbid(principal, action, resource) when { context has mfa && !context.mfa && principal.level < 2 };
`
	rng := rand.New(rand.NewSource(7))
	actions := []string{"CreateList", "GetLists", "GetList", "UpdateList", "CreateTask", "DeleteList", "EditShare"}
	var reqs []string
	for i := 0; i < 64; i++ {
		res := uidJSON("List", fmt.Sprint("l", rng.Intn(19)))
		a := actions[rng.Intn(len(actions))]
		if a == "CreateList" || a == "GetLists" {
			res = uidJSON("Application", "TinyTodo")
		}
		loc := "home"
		if rng.Intn(2) == 0 {
			loc = "office-12"
		}
		reqs = append(reqs, requestJSON(uidJSON("User", fmt.Sprint("u", rng.Intn(20))), uidJSON("Action", a), res,
			fmt.Sprintf(`{"location":%q,"mfa":%v}`, loc, rng.Intn(2) == 0)))
	}
	return benchScenario{"TinyTodo", policies, "[" + strings.Join(ents, ",\n") + "]", reqs}
}

// groupHierarchy has 100 policies scoped `principal in Group::"g..."`
// over a five-level group hierarchy, with attribute conditions.
func groupHierarchy() benchScenario {
	var ents []string
	var levels [][]string
	levels = append(levels, []string{"g0"})
	n := 1
	for _, width := range []int{3, 9, 27, 60} {
		var lvl []string
		prev := levels[len(levels)-1]
		for i := 0; i < width; i++ {
			id := fmt.Sprint("g", n)
			n++
			lvl = append(lvl, id)
			ents = append(ents, entityJSON("Group", id, "", uidJSON("Group", prev[i%len(prev)])))
		}
		levels = append(levels, lvl)
	}
	ents = append(ents, entityJSON("Group", "g0", ""))
	leaves := levels[len(levels)-1]
	for i := 0; i < 200; i++ {
		ents = append(ents, entityJSON("User", fmt.Sprint("u", i), fmt.Sprintf(`"clearance":%d,"dept":"d%d"`, i%6, i%4),
			uidJSON("Group", leaves[i%len(leaves)])))
	}
	for i := 0; i < 50; i++ {
		ents = append(ents, entityJSON("Doc", fmt.Sprint("d", i), fmt.Sprintf(`"level":%d,"dept":"d%d"`, i%6, i%4)))
	}
	var pol strings.Builder
	for g := 0; g < 100; g++ {
		fmt.Fprintf(&pol, "permit(principal in Group::\"g%d\", action == Action::\"view\", resource is Doc)\n"+
			"  when { resource.level <= principal.clearance && context.hour >= %d && resource.dept == principal.dept };\n", g, g%12)
	}
	rng := rand.New(rand.NewSource(8))
	var reqs []string
	for i := 0; i < 64; i++ {
		reqs = append(reqs, requestJSON(uidJSON("User", fmt.Sprint("u", rng.Intn(200))), uidJSON("Action", "view"),
			uidJSON("Doc", fmt.Sprint("d", rng.Intn(50))), fmt.Sprintf(`{"hour":%d}`, rng.Intn(24))))
	}
	return benchScenario{"Groups100", pol.String(), "[" + strings.Join(ents, ",\n") + "]", reqs}
}

// rbacAtScale has 10,000 policies, each scoped to one principal or one
// resource.
func rbacAtScale() benchScenario {
	var pol strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&pol, "permit(principal == User::\"u%d\", action == Action::\"view\", resource);\n", i)
		fmt.Fprintf(&pol, "permit(principal, action == Action::\"edit\", resource == Doc::\"d%d\") when { principal.role == \"editor\" };\n", i)
	}
	var ents []string
	for i := 0; i < 100; i++ {
		role := "viewer"
		if i%2 == 0 {
			role = "editor"
		}
		ents = append(ents, entityJSON("User", fmt.Sprint("u", i*50), fmt.Sprintf(`"role":%q`, role)))
	}
	rng := rand.New(rand.NewSource(9))
	var reqs []string
	for i := 0; i < 64; i++ {
		a := "view"
		if i%2 == 1 {
			a = "edit"
		}
		reqs = append(reqs, requestJSON(uidJSON("User", fmt.Sprint("u", rng.Intn(100)*50)), uidJSON("Action", a),
			uidJSON("Doc", fmt.Sprint("d", rng.Intn(10000))), `{}`))
	}
	return benchScenario{"RBAC10k", pol.String(), "[" + strings.Join(ents, ",\n") + "]", reqs}
}

func benchScenarios() []benchScenario {
	return []benchScenario{tinyTodo(), groupHierarchy(), rbacAtScale()}
}
