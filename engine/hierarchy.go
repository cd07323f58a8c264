package engine

import (
	"cmp"
	"slices"
)

// The hierarchy answers `a in b` for entities with many ancestors
// without storing their ancestors (see doc.go, "Hierarchy"). Every entity,
// and every absent uid named as a parent, is a node. A spanning forest of
// the parent relation (each node's tree parent is its first parent) is
// numbered in post-order, so that a node's tree descendants are exactly
// the post numbers of an interval ending at its own. A node's label is
// the union, as sorted disjoint intervals, of its tree interval and its
// children's labels: the post numbers of all its descendants, self
// included. Then b is an ancestor of a exactly when a's post number lies
// in b's label. A tree (a chain included) gives every node one interval;
// only the extra parents of a DAG add more.

// hierarchy maps every node of the parent relation to its label.
//
// Labels grow with the number of extra parents a DAG has, and a dense
// random DAG can make them quadratic. So the labelling stops at a budget
// of intervals (labelBudget); past it, the hierarchy keeps no labels and
// answers by searching the parents (search), which takes time per
// question instead of memory per entity.
type hierarchy struct {
	nodes  map[uid]*hnode
	search bool            // labels over budget: follow parents instead
	store  map[uid]*entity // the entities, for search
}

// labelBudget is the most intervals the labels of n nodes may hold
// together: 16 per node, and a million more, about 8 bytes each.
// (A variable so that tests can force the search.)
var labelBudget = func(n int) int { return 16*n + 1<<20 }

// searchAncestor reports whether u is a proper ancestor of e, following
// parents present in the store, each visited once.
func (h *hierarchy) searchAncestor(e *entity, u uid) bool {
	seen := map[uid]bool{e.uid: true}
	stack := []*entity{e}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range x.parents {
			if p == u {
				return true
			}
			if seen[p] {
				continue
			}
			seen[p] = true
			if pe := h.store[p]; pe != nil {
				stack = append(stack, pe)
			}
		}
	}
	return false
}

// hnode is one node: an entity or an absent parent.
type hnode struct {
	post  int32      // position in the post-order of the spanning forest
	id    int32      // index while the labelling is built
	label []interval // descendants' post numbers, self included; sorted, disjoint, not adjacent
}

// interval is the post numbers lo..hi, both included.
type interval struct{ lo, hi int32 }

// isAncestorOf reports whether d is n or a descendant of n.
func (n *hnode) isAncestorOf(d *hnode) bool {
	l := n.label
	if len(l) == 1 { // every node of a tree
		return l[0].lo <= d.post && d.post <= l[0].hi
	}
	i, _ := slices.BinarySearchFunc(l, d.post, func(iv interval, p int32) int { return cmp.Compare(iv.hi, p) })
	return i < len(l) && l[i].lo <= d.post
}

// label builds the hierarchy over the store's entities and the absent
// parents they name. order lists the entities parents first.
func (s *EntityStore) label(order []*entity) {
	h := &hierarchy{nodes: make(map[uid]*hnode, len(order)), store: s.entities}
	var nodes []*hnode // parents first: absent parents (which have none), then order
	add := func(u uid, n *hnode) {
		n.id = int32(len(nodes))
		h.nodes[u] = n
		nodes = append(nodes, n)
	}
	for _, e := range order {
		for _, p := range e.parents {
			if _, present := s.entities[p]; !present && h.nodes[p] == nil {
				add(p, &hnode{})
			}
		}
	}
	for _, e := range order {
		e.hier, e.node = h, &hnode{}
		add(e.uid, e.node)
	}
	children := make([][]int32, len(nodes))
	treeChildren := make([][]int32, len(nodes))
	isChild := make([]bool, len(nodes))
	for _, e := range order {
		tree := int32(-1)
		for _, p := range e.parents {
			pid := h.nodes[p].id
			children[pid] = append(children[pid], e.node.id)
			tree = max(tree, pid)
		}
		if tree >= 0 {
			treeChildren[tree] = append(treeChildren[tree], e.node.id)
			isChild[e.node.id] = true
		}
	}
	lo := numberPostOrder(nodes, treeChildren, isChild)
	var acc, tmp []interval
	budget := labelBudget(len(nodes))
	for i := len(nodes) - 1; i >= 0; i-- { // children first
		n := nodes[i]
		acc = append(acc[:0], interval{lo[i], n.post})
		for _, c := range children[i] {
			acc, tmp = union(tmp[:0], acc, nodes[c].label), acc
		}
		n.label = slices.Clone(acc)
		if budget -= len(n.label); budget < 0 {
			h.search = true
			for _, n := range nodes {
				n.label = nil
			}
			return
		}
	}
}

// numberPostOrder numbers the spanning forest in post-order, without
// recursion, and returns for each node the smallest post number in its
// tree (its first descendant's).
func numberPostOrder(nodes []*hnode, treeChildren [][]int32, isChild []bool) []int32 {
	lo := make([]int32, len(nodes))
	type step struct{ id, next int32 }
	var stack []step
	next := int32(0)
	for root := range nodes {
		if isChild[root] {
			continue
		}
		stack = append(stack[:0], step{id: int32(root)})
		lo[root] = next
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if kids := treeChildren[top.id]; int(top.next) < len(kids) {
				c := kids[top.next]
				top.next++
				lo[c] = next
				stack = append(stack, step{id: c})
				continue
			}
			nodes[top.id].post = next
			next++
			stack = stack[:len(stack)-1]
		}
	}
	return lo
}

// union appends to out the union of two labels, as a label: one merge
// of the two sorted lists, joining intervals that overlap or touch.
func union(out, a, b []interval) []interval {
	for len(a) > 0 || len(b) > 0 {
		var next interval
		if len(b) == 0 || len(a) > 0 && a[0].lo <= b[0].lo {
			next, a = a[0], a[1:]
		} else {
			next, b = b[0], b[1:]
		}
		if k := len(out) - 1; k >= 0 && next.lo <= out[k].hi+1 {
			out[k].hi = max(out[k].hi, next.hi)
		} else {
			out = append(out, next)
		}
	}
	return out
}
