package interp

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
)

// adot produces an AST dot(1) directed acyclic graph for the given node. For debugging only.
// func (n *node) adot() { n.astDot(dotWriter(n.interp.dotCmd), n.ident) }

// genAST returns a new AST where generic types are replaced by instantiated types.
func genAST(sc *scope, root *node, types []*itype) (*node, bool, error) {
	typeParam := map[string]*node{}
	pindex := 0
	tname := ""
	rtname := ""
	recvrPtr := false
	fixNodes := []*node{}
	var tparams []string // a generic type's type parameters, in order
	var gtree func(*node, *node) (*node, error)
	sname := root.child[0].ident + "["
	if root.kind == funcDecl {
		sname = root.child[1].ident + "["
	}

	// Input type parameters must be resolved prior AST generation, as compilation
	// of generated AST may occur in a different scope.
	for _, t := range types {
		sname += t.id() + ","
	}
	sname = strings.TrimSuffix(sname, ",") + "]"
	// golessons: the instances were cached by name and type arguments only, so
	// the methods Top of Stack[int] and of Queue[int] (or a func Top[int]) were
	// one instance, and the second type called the first's method. The
	// generic declaration itself now keys the cache, which also makes a generic
	// func declared again in a later cell instantiate its new body.
	gkey := strconv.FormatInt(root.index, 10) + ":" + sname

	gtree = func(n, anc *node) (*node, error) {
		nod := copyNode(n, anc, false)
		switch n.kind {
		case funcDecl, funcType:
			nod.val = nod

		case identExpr:
			// Replace generic type by instantiated one.
			nt, ok := typeParam[n.ident]
			if !ok || isFieldName(n) {
				break
			}
			nod = copyNode(nt, anc, true)
			nod.typ = nt.typ
			nod.typeArg = true

		case indexExpr, indexListExpr:
			// Catch a possible recursive generic type definition
			if root.kind != typeSpec {
				break
			}
			if root.child[0].ident != n.child[0].ident {
				break
			}
			// golessons: with several type parameters too (next *node[K, V]):
			// only indexExpr was caught, and instantiating node[int, string]
			// instantiated it again inside, until the stack overflowed. The
			// reference must name the parameters in order, as Go lets a type
			// refer to itself otherwise only through other instances, which
			// this does not build.
			if n.kind == indexListExpr && !namesTypeParams(n.child[1:], tparams) {
				return nil, n.cfgErrorf("generic type %s refers to itself with other type arguments: not supported", n.child[0].ident)
			}
			nod := copyNode(n.child[0], anc, false)
			fixNodes = append(fixNodes, nod)
			return nod, nil

		case fieldList:
			//  Node is the type parameters list of a generic function.
			if root.kind == funcDecl && n.anc == root.child[2] && childPos(n) == 0 {
				// Fill the types lookup table used for type substitution.
				for _, c := range n.child {
					l := len(c.child) - 1
					for _, cc := range c.child[:l] {
						if pindex >= len(types) {
							return nil, cc.cfgErrorf("undefined type for %s", cc.ident)
						}
						t, err := nodeType(c.interp, sc, c.child[l])
						if err != nil {
							return nil, err
						}
						if err := checkConstraint(types[pindex], t); err != nil {
							return nil, err
						}
						typeParam[cc.ident] = copyNode(cc, cc.anc, false)
						typeParam[cc.ident].ident = types[pindex].id()
						typeParam[cc.ident].typ = types[pindex]
						pindex++
					}
				}
				// Skip type parameters specification, so generated func doesn't look generic.
				return nod, nil
			}

			// Node is the receiver of a generic method.
			if root.kind == funcDecl && n.anc == root && childPos(n) == 0 && len(n.child) > 0 {
				rtn := n.child[0].child[1]
				// Method receiver is a generic type if it takes some type parameters.
				if rtn.kind == indexExpr || rtn.kind == indexListExpr || (rtn.kind == starExpr && (rtn.child[0].kind == indexExpr || rtn.child[0].kind == indexListExpr)) {
					if rtn.kind == starExpr {
						// Method receiver is a pointer on a generic type.
						rtn = rtn.child[0]
						recvrPtr = true
					}
					rtname = rtn.child[0].ident + "["
					for _, cc := range rtn.child[1:] {
						if pindex >= len(types) {
							return nil, cc.cfgErrorf("undefined type for %s", cc.ident)
						}
						it := types[pindex]
						typeParam[cc.ident] = copyNode(cc, cc.anc, false)
						typeParam[cc.ident].ident = it.id()
						typeParam[cc.ident].typ = it
						rtname += it.id() + ","
						pindex++
					}
					rtname = strings.TrimSuffix(rtname, ",") + "]"
				}
			}

			// Node is the type parameters list of a generic type.
			if root.kind == typeSpec && n.anc == root && childPos(n) == 1 {
				// Fill the types lookup table used for type substitution.
				tname = n.anc.child[0].ident + "["
				for _, c := range n.child {
					l := len(c.child) - 1
					for _, cc := range c.child[:l] {
						if pindex >= len(types) {
							return nil, cc.cfgErrorf("undefined type for %s", cc.ident)
						}
						it := types[pindex]
						t, err := nodeType(c.interp, sc, c.child[l])
						if err != nil {
							return nil, err
						}
						if err := checkConstraint(types[pindex], t); err != nil {
							return nil, err
						}
						typeParam[cc.ident] = copyNode(cc, cc.anc, false)
						typeParam[cc.ident].ident = it.id()
						typeParam[cc.ident].typ = it
						tname += it.id() + ","
						tparams = append(tparams, cc.ident)
						pindex++
					}
				}
				tname = strings.TrimSuffix(tname, ",") + "]"
				return nod, nil
			}
		}

		for _, c := range n.child {
			gn, err := gtree(c, nod)
			if err != nil {
				return nil, err
			}
			nod.child = append(nod.child, gn)
		}
		return nod, nil
	}

	if nod, found := root.interp.generic[gkey]; found {
		return nod, true, nil
	}

	r, err := gtree(root, root.anc)
	if err != nil {
		return nil, false, err
	}
	root.interp.generic[gkey] = r
	r.param = append(r.param, types...)
	if tname != "" {
		for _, nod := range fixNodes {
			nod.ident = tname
		}
		r.child[0].ident = tname
	}
	if rtname != "" {
		// Replace method receiver type by synthetized ident.
		nod := r.child[0].child[0].child[1]
		if recvrPtr {
			nod = nod.child[0]
		}
		nod.kind = identExpr
		nod.ident = rtname
		nod.child = nil
	}
	// r.adot() // Used for debugging only.
	return r, false, nil
}

// namesTypeParams reports whether the type arguments args name the type
// parameters params, in order.
func namesTypeParams(args []*node, params []string) bool {
	if len(args) != len(params) {
		return false
	}
	for i, a := range args {
		if a.kind != identExpr || a.ident != params[i] {
			return false
		}
	}
	return true
}

// isFieldName reports whether the identifier n names a struct field: in the
// field's declaration, a selector or a composite literal's key.
//
// golessons: genAST replaced every identifier named like a type parameter,
// field names too: the field V of struct { K K; V V } instantiated with
// Weekday was named "main.Weekday" ("reflect.StructOf: field 1 has invalid
// name"), and with int it became a field int, unknown to p.V.
func isFieldName(n *node) bool {
	a := n.anc
	if a == nil {
		return false
	}
	switch a.kind {
	case fieldExpr:
		typ := len(a.child) - 1
		if a.child[typ].kind == basicLit { // the tag
			typ--
		}
		return childPos(n) < typ
	case selectorExpr:
		return childPos(n) == 1
	case keyValueExpr:
		return childPos(n) == 0 && a.anc != nil && a.anc.kind == compositeLitExpr
	}
	return false
}

func copyNode(n, anc *node, recursive bool) *node {
	var i interface{}
	nindex := atomic.AddInt64(&n.interp.nindex, 1)
	nod := &node{
		debug:  n.debug,
		anc:    anc,
		interp: n.interp,
		index:  nindex,
		level:  n.level,
		nleft:  n.nleft,
		nright: n.nright,
		kind:   n.kind,
		pos:    n.pos,
		action: n.action,
		gen:    n.gen,
		val:    &i,
		rval:   n.rval,
		ident:  n.ident,
		meta:   n.meta,
	}
	nod.start = nod
	if n.typeArg { // golessons: see node.typeArg
		nod.typeArg, nod.typ = true, n.typ
	}
	if recursive {
		for _, c := range n.child {
			nod.child = append(nod.child, copyNode(c, nod, true))
		}
	}
	return nod
}

// inferTypesFromCall returns the type arguments of a call of the generic
// func fun with the arguments args (spread: the last one is a slice passed
// with ...), in the order of the func's type parameters.
//
// golessons: upstream matched the i-th parameter with the i-th argument,
// so a variadic part left empty or spread (cmp.Or(x), slices.Concat(a),
// slices.Insert(s, i)) read past the arguments ("CFG post-order panic:
// index out of range"), and returned one type per parameter, not per type
// parameter: func(T) U got U = T, S ~[]E never found E. The parameters
// are now unified with the arguments' types, then the type parameters
// bound this way with their constraints' core types (S ~[]E gives E).
func inferTypesFromCall(sc *scope, fun *node, args []*node, spread bool) ([]*itype, error) {
	ftn := fun.typ.node
	inf := &inferer{interp: fun.interp, sc: sc, bound: map[string]*itype{}, cnodes: map[string]*node{}}
	var names []string
	for _, c := range ftn.child[0].child {
		for _, cc := range c.child[:len(c.child)-1] {
			names = append(names, cc.ident)
			inf.cnodes[cc.ident] = c.lastChild()
		}
	}

	untyped := map[string][]*node{} // untyped constant arguments, by type parameter
	params := fieldTypes(ftn.child[1])
	for i, a := range args {
		if len(params) == 0 {
			break
		}
		p := params[min(i, len(params)-1)]
		input := a.typ
		if p.kind == ellipsisExpr {
			p = p.child[0]
			if spread && i == len(args)-1 {
				input = elemType(input)
			}
		} else if i >= len(params) {
			break
		}
		if input != nil && input.untyped {
			if inf.isParam(p) {
				untyped[p.ident] = append(untyped[p.ident], a)
			}
			continue
		}
		inf.unify(p, input)
	}
	for _, name := range names {
		if inf.bound[name] != nil || len(untyped[name]) == 0 {
			continue
		}
		// As Go: the default type of the largest kind of constant.
		var best *itype
		for _, a := range untyped[name] {
			t := a.typ.defaultType(a.rval, sc)
			if best == nil || untypedRank(t) > untypedRank(best) {
				best = t
			}
		}
		inf.bound[name] = best
	}
	// Core types of the constraints: S ~[]E bound to []int gives E int.
	for changed := true; changed; {
		changed = false
		for _, name := range names {
			t, c := inf.bound[name], inf.cnodes[name]
			if t == nil || c == nil {
				continue
			}
			if c.kind == unaryExpr && len(c.child) == 1 { // ~[]E
				c = c.child[0]
			}
			before := len(inf.bound)
			inf.unify(c, t)
			changed = changed || len(inf.bound) > before
		}
	}

	types := make([]*itype, 0, len(names))
	for _, name := range names {
		t := inf.bound[name]
		if t == nil {
			return nil, fun.cfgErrorf("in call to %s, cannot infer %s", fun.child[1].ident, name)
		}
		types = append(types, t)
	}
	return types, nil
}

// inferer binds type parameters (those of cnodes, by name, to their
// constraints' expressions) by unifying type expressions with types.
type inferer struct {
	interp *Interpreter
	sc     *scope
	cnodes map[string]*node
	bound  map[string]*itype
}

func (inf *inferer) isParam(n *node) bool {
	if n.kind != identExpr {
		return false
	}
	_, ok := inf.cnodes[n.ident]
	return ok
}

// unify binds the type parameters in the type expression n from input,
// the type n stands for.
func (inf *inferer) unify(n *node, input *itype) {
	if n == nil || input == nil || input.cat == nilT {
		return
	}
	switch n.kind {
	case identExpr:
		if inf.isParam(n) && inf.bound[n.ident] == nil {
			inf.bound[n.ident] = input
		}
	case parenExpr:
		inf.unify(n.child[0], input)
	case starExpr:
		inf.unify(n.child[0], elemType(input))
	case arrayType:
		inf.unify(n.lastChild(), elemType(input))
	case mapType:
		inf.unify(n.child[0], keyType(input))
		inf.unify(n.child[1], elemType(input))
	case chanType, chanTypeSend, chanTypeRecv:
		inf.unify(n.lastChild(), elemType(input))
	case ellipsisExpr:
		inf.unify(n.child[0], elemType(input))
	case funcType:
		in := input.underlying()
		if in.cat != funcT {
			return
		}
		for i, p := range fieldTypes(n.child[1]) {
			if i < len(in.arg) {
				inf.unify(p, in.arg[i])
			}
		}
		if len(n.child) > 2 {
			for i, r := range fieldTypes(n.child[2]) {
				if i < len(in.ret) {
					inf.unify(r, in.ret[i])
				}
			}
		}
	case indexExpr, indexListExpr:
		// An instance of a generic type (Box[T], iter.Seq[T]): its type
		// arguments, else those found in its definition's shape.
		targs := instanceTypeArgs(input)
		if targs == nil {
			targs = inf.shapeTypeArgs(n, input)
		}
		for i, a := range n.child[1:] {
			if i < len(targs) {
				inf.unify(a, targs[i])
			}
		}
	}
}

// shapeTypeArgs returns the type arguments of the instance of generic type
// n.child[0] that input has the shape of (a func(func(int) bool) for an
// iter.Seq[T]: int), from the type's definition; nil when not found.
func (inf *inferer) shapeTypeArgs(n *node, input *itype) []*itype {
	lt, err := nodeType(inf.interp, inf.sc, n.child[0])
	if err != nil || lt == nil || lt.cat != genericT || lt.node == nil || lt.node.anc == nil {
		return nil
	}
	decl := lt.node.anc
	if decl.kind != typeSpec || len(decl.child) < 3 {
		return nil
	}
	sub := &inferer{interp: inf.interp, sc: inf.sc, bound: map[string]*itype{}, cnodes: map[string]*node{}}
	var names []string
	for _, c := range decl.child[1].child {
		for _, cc := range c.child[:len(c.child)-1] {
			names = append(names, cc.ident)
			sub.cnodes[cc.ident] = c.lastChild()
		}
	}
	sub.unify(decl.lastChild(), input)
	targs := make([]*itype, len(names))
	for i, name := range names {
		targs[i] = sub.bound[name]
	}
	return targs
}

// fieldTypes returns the type expressions of the fields of the field list
// n, one per field name (one for a field without a name).
func fieldTypes(n *node) []*node {
	var types []*node
	if n == nil {
		return nil
	}
	for _, c := range n.child {
		for k := 0; k < max(1, len(c.child)-1); k++ {
			types = append(types, c.lastChild())
		}
	}
	return types
}

// elemType is the element type of t (of a pointer, slice, array, map,
// channel), compiled or not; nil if it has none.
func elemType(t *itype) *itype {
	if t == nil {
		return nil
	}
	t = t.underlying()
	if t.cat == valueT {
		switch t.rtype.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Pointer, reflect.Slice:
			return valueTOf(t.rtype.Elem())
		}
		return nil
	}
	return t.val
}

// keyType is the key type of the map type t; nil if t is no map.
func keyType(t *itype) *itype {
	if t == nil {
		return nil
	}
	t = t.underlying()
	if t.cat == valueT {
		if t.rtype.Kind() == reflect.Map {
			return valueTOf(t.rtype.Key())
		}
		return nil
	}
	return t.key
}

// instanceTypeArgs returns the type arguments of t, an instance of a
// generic type of the cells (Box[int]: int); nil if it is none.
func instanceTypeArgs(t *itype) []*itype {
	if t == nil || t.node == nil || t.node.anc == nil {
		return nil
	}
	return t.node.anc.param
}

// untypedRank orders the default types of untyped constants: int, rune,
// float64, complex128.
func untypedRank(t *itype) int {
	switch t.cat {
	case int32T:
		return 1
	case float32T, float64T:
		return 2
	case complex64T, complex128T:
		return 3
	}
	return 0
}

func checkConstraint(it, ct *itype) error {
	if len(ct.constraint) == 0 && len(ct.ulconstraint) == 0 {
		return nil
	}
	for _, c := range ct.constraint {
		if it.equals(c) || it.matchDefault(c) {
			return nil
		}
	}
	for _, c := range ct.ulconstraint {
		if it.underlying().equals(c) || it.matchDefault(c) || binUnderlyingIs(it, c) || literalID(it.underlying()) == c.id() {
			return nil
		}
	}
	if it.node == nil {
		// golessons: a compiled type has no node to report at (it
		// panicked with a nil pointer).
		return fmt.Errorf("%s does not implement %s", it.id(), ct.id())
	}
	return it.node.cfgErrorf("%s does not implement %s", it.id(), ct.id())
}

// literalID is the id of t's type literal: a declared composite type
// (type Ints []int) is a sliceT itype that carries its name, so its id
// is the name, and ~[]int in a named constraint interface never matched
// it. golessons: upstream refused Len(Raw{1}) for ~string | ~[]byte.
func literalID(t *itype) string {
	if t.name == "" {
		return t.id()
	}
	switch t.cat {
	case sliceT:
		return "[]" + t.val.str
	case arrayT:
		return "[" + strconv.Itoa(t.length) + "]" + t.val.str
	case mapT:
		return "map[" + t.key.str + "]" + t.val.str
	case ptrT:
		return "*" + t.val.str
	case chanT:
		return "chan " + t.val.str
	case chanSendT:
		return "chan<- " + t.val.str
	case chanRecvT:
		return "<-chan " + t.val.str
	case funcT:
		return funcOf(t.arg, t.ret).id()
	case structT:
		return structOf(nil, t.field).id()
	}
	return t.id()
}

// binUnderlyingIs says whether it, a compiled named type of a basic kind
// (time.Duration, time.Month), has c as its underlying type, for ~c in a
// constraint. golessons: upstream compared the named type itself, so
// min(time.Second, d) of a ~int64 constraint failed to compile.
func binUnderlyingIs(it, c *itype) bool {
	if it.cat != valueT || it.rtype == nil {
		return false
	}
	switch k := it.rtype.Kind(); {
	case k >= reflect.Bool && k <= reflect.Complex128, k == reflect.String:
		return c.id() == k.String()
	}
	return false
}
