package typecheck

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// Facts are what go/types knows about a cell that the evaluator's
// rewrites need and cannot see in the syntax. The maps are keyed by the
// cell position of the called function's name (the Sel of pkg.F).
type Facts struct {
	// Seqs are the calls of the standard library's iterator functions
	// (maps.Keys, slices.Collect, iter.Pull, ...), with the element
	// types they are instantiated with: the interpreter cannot run the
	// generic originals, so the evaluator writes a concrete version.
	Seqs map[Pos]SeqCall
	// TypeNames are, for a Printf-family call, what %T must print for
	// each of its arguments (see typeNames).
	TypeNames map[Pos][]string
	// Generics are the uses of the cell's generic funcs that the
	// interpreter cannot run (calls, and values such as Evens[int]), by
	// the position of the func's name.
	Generics map[Pos]GenericCall
	// TypeArgs are the type arguments, as the cell would write them, of
	// the other uses of the cell's package-level generic funcs, by the
	// position of the func's name: the evaluator writes them out when
	// the interpreter fails to infer them (a variadic call inside a func).
	TypeArgs map[Pos][]string
	// PkgFuncValues are the type arguments, as the cell would write them,
	// of a package's generic funcs used as values without them
	// (slices.SortFunc(s, cmp.Compare)), by the position of the func's
	// name: the interpreter instantiates only what is written.
	PkgFuncValues map[Pos][]string
	// Ranges are the range loops whose ranged type the checker knows
	// (an iterator func, an integer, a slice, ...), by the position of
	// their `for`.
	Ranges map[Pos]RangeFact
	// Recvs are the element types of the channels the cell receives
	// from, as the cell would write them, by the position of the `<-`
	// (the evaluator declares the variables of a top-level v, ok := <-c).
	Recvs map[Pos]string
	// Compares are the == and != with an interface operand (by the
	// operator) and Cases the case expressions of an expression switch
	// compared with an interface, or an interface with its tag (by the
	// expression); see ifacecmp.go.
	Compares, Cases map[Pos]Compare
	// DynArgs are, for a call of a fmt or log printing function (by the
	// Sel of fmt.Println), the indexes of the arguments whose static
	// type is an interface the interpreter implements (any, or one a
	// cell declares); see rewrite.DynArgs.
	DynArgs map[Pos][]int
	// ElemStringers are, for a call of a fmt or log printing function
	// (by the Sel), the arguments holding elements of a cell's named
	// non-struct type with a String or Error method (see elemStringers).
	ElemStringers map[Pos][]ElemStringer
	// StdTypes are the uses of generic types of compiled standard
	// packages ("sync/atomic.Pointer"), by the position of the type's
	// name: the evaluator puts an interpreted equivalent in their place.
	StdTypes map[Pos]string
	// MapElems are the element types of the maps the cell indexes, as
	// the cell would write them, by the position of the '[' (for a
	// top-level v, ok := m[k], as Recvs).
	MapElems map[Pos]string
	// CaseTypes are the types of the cases of the cell's type switches
	// and of its type assertions, by the position of the type (the
	// evaluator rewrites both).
	CaseTypes map[Pos]CaseType
	// ReflectCalls are the calls of reflect.Type's and reflect.Value's
	// methods that name types, fields or methods (t.Name(),
	// t.Field(i), v.FieldByName("age"), ...), by the position of the
	// method's name, as "Type.Name": the interpreter builds the cells'
	// types with reflect.StructOf, unnamed and with their unexported
	// fields exported, and the evaluator answers for them.
	ReflectCalls map[Pos]string
	// CtxKeys are the context keys of the cells' own types, by the Sel
	// of context.WithValue or ctx.Value (see ctxKeys).
	CtxKeys map[Pos]CtxKey
	// ErrorTypes are the package-level types the check saw whose values
	// (T) or pointers (*T) are errors, by an Error method of their own
	// or one promoted from an embedded field, as the cell would write
	// them: errors.Unwrap tries each for the cell value it unwraps.
	ErrorTypes []string
	// IfaceKeys are the map types keyed by an interface with methods that
	// a cell declares (map[Shape]int), by the position of `map`, as the
	// cell would write the type. The interpreter holds such a key as its
	// own interface value, which two equal keys are not: the evaluator
	// refuses them.
	IfaceKeys map[Pos]string
	// AsTargets are the errors.As calls whose target points to an
	// interface with methods the cell writes (type Timeouter interface
	// {...}, or an interface literal), by the position of As, as the cell
	// would write that interface: compiled errors.As cannot test a value
	// against an interface of the interpreter, and the evaluator asks the
	// interpreter instead.
	AsTargets map[Pos]string
	// NamedTypeOfs are the calls reflect.TypeOf(x) whose argument's
	// static type is a cell's named type the interpreter builds as its
	// underlying type (type Celsius float64), by the position of TypeOf,
	// as reflect names the type ("main.Celsius"): reflect would answer
	// float64, and the evaluator answers with the name; "?" for an
	// argument of type any, when the cells declare such a type.
	NamedTypeOfs map[Pos]string
	// PromotedMethodExprs are the method expressions of methods promoted
	// from an embedded field (Wrapper.Plus), by the position of the
	// method's name, as func literals that call the method on their
	// first argument (see promotedMethodExpr).
	PromotedMethodExprs map[Pos]string
	// JSONShapes are, for a call of json.Marshal or MarshalIndent (by
	// the Sel), the shape of its argument's type when that is a slice,
	// array, map or pointer holding a cell's named non-struct type with a
	// MarshalJSON or MarshalText method: "[]main.Level",
	// "map[main.Color]_" (as the interpreter tags struct fields). Such a
	// type is its underlying type at run time, without the method.
	JSONShapes map[Pos]string
	// XMLValues are, for a call of xml.Marshal, MarshalIndent or an
	// xml.Encoder's Encode or EncodeElement (by the Sel), the shape of
	// its value's type as in JSONShapes, for the methods xml calls, also
	// when the value is of such a type itself ("main.Level"); "_" when
	// it names none.
	XMLValues map[Pos]string
	// Stringers are the instances of the cells' generic struct types
	// with a String or Error method that the cell's values have
	// (Pair[string, int]), and the struct types whose String or Error is
	// promoted from an embedded field: the evaluator registers their
	// methods for fmt, as it does other methods when they are declared.
	Stringers []InstanceStringer
	// Defines are the types of the calls defining one variable (x :=
	// f(...), and var x = g(...) of a generic g), as the cell would write
	// them, by the position of the variable: yaegi cannot type a
	// top-level one whose func is generic, and the evaluator declares the
	// variable with its type instead.
	Defines map[Pos]string
	// Redeclares are the definitions of two or more names (a, b := 2, 3;
	// a, err := f()) where some name is declared before in the same scope,
	// by the position of the first name: the types of the new names, as
	// the cell would write them. Go assigns the others; yaegi made a cell's
	// top-level ones new globals (a pointer taken before kept the old
	// variable, and a took the value's type), so the evaluator writes such
	// a definition as declarations of the new names and an assignment.
	Redeclares map[Pos]map[string]string
	// Shifts are the types of the non-constant shifts whose left
	// operand is an untyped constant (word & (1 << j) of a uint64 word),
	// by the position of the operator: Go gives the constant the type
	// the context wants, yaegi gives it int.
	Shifts map[Pos]string
	// NamedResults are the calls of a slices or maps function whose
	// result is of a cell's named type (slices.Clone(tags) of a
	// `type Tags []string`), by the call's '(', as the cell would write
	// the type. The interpreter runs these functions with the plain
	// type (it cannot infer S in [S ~[]E, E any]), and the evaluator
	// converts the result back.
	NamedResults map[Pos]string
	// Quotients are the constant divisions (10 / 4, 5 / 9), by the
	// position of the operator, as the literal of the value Go computes:
	// yaegi divides integer constants in the context's type, so
	// var g float64 = 10 / 4 was 2.5 and w * (5 / 9) was w.
	// The constant expressions of a complex type are there too, as
	// complex(re, im) (yaegi panicked on var c complex128 = 1 + 2 and
	// failed to compile 3i / 2).
	Quotients map[Pos]string
	// Errors are all of go/types' errors in the cell, of the kinds Check
	// reports or not: when the interpreter refuses the cell itself, the
	// evaluator gives Go's words for the same line (yaegi says
	// `cannot use "s" (type stringT) as type intT`).
	Errors []Problem
	// FinalElems is ElemStringers for the cell's final expression, shown
	// as fmt.Sprint would print it (a []Celsius was [20 21.5]).
	FinalElems []ElemStringer
	// FinalType is the type of the cell's final expression when it calls
	// a generic func (MakeBox("s")), as the cell would write it: yaegi
	// cannot assign such a call to a new top-level variable, and the
	// evaluator declares the one holding the value with this type, for
	// the value's String method (it showed {s}).
	FinalType string
}

// InstanceStringer is an instance of a cell's generic struct type with a
// String or Error method.
type InstanceStringer struct {
	Type   string // as the cell would write it: "Pair[string, int]"
	Method string // "String" or "Error" (Error, when it has both: fmt prefers it)
	Ptr    bool   // the method has a pointer receiver
}

// RangeFact is what a range loop ranges over.
type RangeFact struct {
	X     string // the ranged expression, as types.ExprString prints it
	Arity int    // for an iterator func: how many values it yields (1 or 2)
	Int   bool   // an integer
	Type  string // the iterator's or the integer's type, as the cell would write it
	// ChanValue: a range with a value variable over a slice, array or
	// map of channels (the interpreter takes it for a range over a
	// channel).
	ChanValue bool
	// Chan: a range over a channel.
	Chan bool
}

// finalExpr is the expression that ends the cell's statements, or nil.
func finalExpr(own *ast.File) ast.Expr {
	for _, d := range own.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == wrapper && fd.Body != nil && len(fd.Body.List) > 0 {
			if es, ok := fd.Body.List[len(fd.Body.List)-1].(*ast.ExprStmt); ok {
				return es.X
			}
		}
	}
	return nil
}

// calledIdent is the func name a call names directly: f(...), f[T](...).
func calledIdent(fun ast.Expr) *ast.Ident {
	switch x := fun.(type) {
	case *ast.Ident:
		return x
	case *ast.IndexExpr:
		id, _ := x.X.(*ast.Ident)
		return id
	case *ast.IndexListExpr:
		id, _ := x.X.(*ast.Ident)
		return id
	}
	return nil
}

// Pos is a cell position, 1-based.
type Pos struct{ Line, Col int }

// SeqCall is one call of an iterator function.
type SeqCall struct {
	Pkg, Func string   // "maps", "Keys"
	Types     []string // element types, as cell source: K and V of a map or Seq2, E of a slice or Seq
}

// seqFuncs are the iterator functions of the standard library the
// evaluator rewrites, with where their element types come from.
var seqFuncs = map[string]func(args []types.Type) []types.Type{
	"maps.Keys": mapTypes, "maps.Values": mapTypes, "maps.All": mapTypes, "maps.Insert": mapTypes,
	"maps.Collect": seqTypes,
	"slices.All":   sliceTypes, "slices.Values": sliceTypes, "slices.Backward": sliceTypes, "slices.AppendSeq": sliceTypes,
	"slices.Chunk":   sliceTypes,
	"slices.Collect": seqTypes, "slices.Sorted": seqTypes, "slices.SortedFunc": seqTypes, "slices.SortedStableFunc": seqTypes,
	"iter.Pull": seqTypes, "iter.Pull2": seqTypes,
	"sync.OnceValue": resultTypes, "sync.OnceValues": resultTypes,
	"math/rand/v2.N": argTypes,
}

// explicitlyInstantiated is the func of fun, a call's Fun, without the
// type arguments written for it (rand.N[int64] is rand.N): the
// evaluator's concrete copies take their types from the call's arguments,
// which the type arguments typed.
func explicitlyInstantiated(fun ast.Expr) ast.Expr {
	switch ix := fun.(type) {
	case *ast.IndexExpr:
		return ix.X
	case *ast.IndexListExpr:
		return ix.X
	}
	return fun
}

// argTypes is the type of the first argument.
func argTypes(args []types.Type) []types.Type { return args[:1] }

// resultTypes are the result types of a func() (T1, T2) argument.
func resultTypes(args []types.Type) []types.Type {
	f, ok := args[0].Underlying().(*types.Signature)
	if !ok || f.Params().Len() != 0 || f.Results().Len() == 0 {
		return nil
	}
	var out []types.Type
	for i := range f.Results().Len() {
		out = append(out, f.Results().At(i).Type())
	}
	return out
}

func mapTypes(args []types.Type) []types.Type {
	if m, ok := args[0].Underlying().(*types.Map); ok {
		return []types.Type{m.Key(), m.Elem()}
	}
	return nil
}

func sliceTypes(args []types.Type) []types.Type {
	if s, ok := args[0].Underlying().(*types.Slice); ok {
		return []types.Type{s.Elem()}
	}
	return nil
}

// seqTypes are the types an iterator func(yield func(...) bool) yields.
func seqTypes(args []types.Type) []types.Type {
	f, ok := args[0].Underlying().(*types.Signature)
	if !ok || f.Params().Len() != 1 || f.Results().Len() != 0 {
		return nil
	}
	y, ok := f.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok || y.Results().Len() != 1 {
		return nil
	}
	var out []types.Type
	for i := range y.Params().Len() {
		out = append(out, y.Params().At(i).Type())
	}
	return out
}

// collectFacts reads the facts of the cell's file from info.
func collectFacts(fset *token.FileSet, own *ast.File, info *types.Info, pkg *types.Package, decls funcDecls, known []*types.Named) Facts {
	f := Facts{Seqs: map[Pos]SeqCall{}, TypeNames: map[Pos][]string{}, Generics: map[Pos]GenericCall{}, TypeArgs: map[Pos][]string{}, PkgFuncValues: map[Pos][]string{}, Ranges: map[Pos]RangeFact{}, Recvs: map[Pos]string{},
		Compares: map[Pos]Compare{}, Cases: map[Pos]Compare{}, MapElems: map[Pos]string{}, CaseTypes: map[Pos]CaseType{}, DynArgs: map[Pos][]int{}, ElemStringers: map[Pos][]ElemStringer{}, StdTypes: map[Pos]string{}, ReflectCalls: map[Pos]string{}, Defines: map[Pos]string{}, Redeclares: map[Pos]map[string]string{}, Shifts: map[Pos]string{}, Quotients: map[Pos]string{}, NamedResults: map[Pos]string{}, JSONShapes: map[Pos]string{}, XMLValues: map[Pos]string{}, IfaceKeys: map[Pos]string{}, AsTargets: map[Pos]string{}, NamedTypeOfs: map[Pos]string{}, PromotedMethodExprs: map[Pos]string{}}
	scope := pkg.Scope()
	params := interfaceParams(own, info, pkg)
	if x := finalExpr(own); x != nil {
		f.FinalElems = elemStringers(&ast.CallExpr{Args: []ast.Expr{x}}, info, pkg, "fmt.Sprint")
		if t := info.TypeOf(x); t != nil && isGenericCall(x, info) && !isTypeParam(t) {
			if s := types.TypeString(t, cellQualifier); !strings.Contains(s, "invalid type") && !strings.HasPrefix(s, "(") && !strings.HasPrefix(s, "untyped") {
				f.FinalType = s
			}
		}
	}
	ast.Inspect(own, func(n ast.Node) bool {
		if se, ok := n.(*ast.SelectorExpr); ok {
			if lit := promotedMethodExpr(se, info); lit != "" {
				if p := fset.Position(se.Sel.Pos()); p.Filename == cellFile {
					f.PromotedMethodExprs[Pos{p.Line, p.Column}] = lit
				}
			}
			if m := reflectCall(se, info); m != "" {
				if p := fset.Position(se.Sel.Pos()); p.Filename == cellFile {
					f.ReflectCalls[Pos{p.Line, p.Column}] = m
				}
			}
			if id, ok := se.X.(*ast.Ident); ok {
				if pn, ok := info.Uses[id].(*types.PkgName); ok && stdGenericTypes[pn.Imported().Path()+"."+se.Sel.Name] {
					if p := fset.Position(se.Sel.Pos()); p.Filename == cellFile {
						f.StdTypes[Pos{p.Line, p.Column}] = pn.Imported().Path() + "." + se.Sel.Name
					}
				}
			}
		}
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			if ch, ok := typeOf(info, u.X).(*types.Chan); ok {
				if p, t := fset.Position(u.OpPos), types.TypeString(ch.Elem(), cellQualifier); p.Filename == cellFile && !strings.Contains(t, "invalid type") {
					f.Recvs[Pos{p.Line, p.Column}] = t
				}
			}
			return true
		}
		if ts, ok := n.(*ast.TypeSwitchStmt); ok {
			caseTypes(fset, ts, info, pkg, known, &f)
			return true
		}
		if ta, ok := n.(*ast.TypeAssertExpr); ok && ta.Type != nil {
			caseType(fset, ta.X, ta.Type, info, pkg, known, &f)
			return true
		}
		if mt, ok := n.(*ast.MapType); ok {
			if k := info.TypeOf(mt.Key); k != nil && cellInterface(k, pkg) {
				if p := fset.Position(mt.Map); p.Filename == cellFile {
					f.IfaceKeys[Pos{p.Line, p.Column}] = types.TypeString(info.TypeOf(mt), cellQualifier)
				}
			}
			return true
		}
		if call, ok := n.(*ast.CallExpr); ok && len(call.Args) == 1 {
			if name, sel := namedTypeOf(call, info); name != "" && (name != "?" || declaresMisnamed(pkg.Scope())) {
				if p := fset.Position(sel.Pos()); p.Filename == cellFile {
					f.NamedTypeOfs[Pos{p.Line, p.Column}] = name
				}
			}
		}
		if call, ok := n.(*ast.CallExpr); ok && len(call.Args) == 2 {
			if t, ok := asTarget(call, info, pkg); ok {
				if p := fset.Position(call.Fun.(*ast.SelectorExpr).Sel.Pos()); p.Filename == cellFile {
					f.AsTargets[Pos{p.Line, p.Column}] = t
				}
			}
		}
		if ix, ok := n.(*ast.IndexExpr); ok {
			if m, ok := typeOf(info, ix.X).(*types.Map); ok {
				if p, t := fset.Position(ix.Lbrack), types.TypeString(m.Elem(), cellQualifier); p.Filename == cellFile && !strings.Contains(t, "invalid type") {
					f.MapElems[Pos{p.Line, p.Column}] = t
				}
			}
			return true
		}
		if be, ok := n.(*ast.BinaryExpr); ok {
			q, ok := complexConst(be, info)
			if !ok && (be.Op == token.QUO || isFloatConst(be, info)) {
				q, ok = quotient(be, info)
			}
			if !ok {
				q, ok = floatComparison(be, info)
			}
			if ok {
				if p := fset.Position(be.OpPos); p.Filename == cellFile {
					f.Quotients[Pos{p.Line, p.Column}] = q
				}
			}
		}
		if call, ok := n.(*ast.CallExpr); ok && isBuiltin(call.Fun, info, "complex") {
			// complex(0, math.Pi): yaegi's math.Pi is a float64, which an
			// untyped 0 did not match.
			if q, ok := complexConst(call, info); ok {
				if p := fset.Position(call.Pos()); p.Filename == cellFile {
					f.Quotients[Pos{p.Line, p.Column}] = q
				}
			}
		}
		if call, ok := n.(*ast.CallExpr); ok && isBuiltin(call.Fun, info, "min", "max") {
			// const k = min(1, 2.0): yaegi computed a constant min or max
			// as 0; Go's value stands for the call.
			if q, ok := constLit(call, info); ok {
				if p := fset.Position(call.Pos()); p.Filename == cellFile {
					f.Quotients[Pos{p.Line, p.Column}] = q
				}
			}
		}
		if gd, ok := n.(*ast.GenDecl); ok && gd.Tok == token.CONST {
			// const P = math.Pi: a package's float constant is a float64
			// in yaegi, Go's is untyped (var f float32 = P).
			for _, spec := range gd.Specs {
				for _, v := range spec.(*ast.ValueSpec).Values {
					if sel, ok := v.(*ast.SelectorExpr); ok && isFloatConst(sel, info) {
						if b, ok := info.Types[sel].Type.(*types.Basic); ok && b.Kind() == types.UntypedFloat {
							if p := fset.Position(sel.Pos()); p.Filename == cellFile {
								f.Quotients[Pos{p.Line, p.Column}] = floatLit(info.Types[sel].Value)
							}
						}
					}
				}
			}
		}
		if be, ok := n.(*ast.BinaryExpr); ok && (be.Op == token.SHL || be.Op == token.SHR) {
			if t, ok := shiftType(be, info); ok {
				if p := fset.Position(be.OpPos); p.Filename == cellFile {
					f.Shifts[Pos{p.Line, p.Column}] = t
				}
			}
		}
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
			if _, call := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); call {
				if t := info.TypeOf(as.Rhs[0]); t != nil && !isTypeParam(t) {
					if p, s := fset.Position(as.Lhs[0].Pos()), types.TypeString(t, cellQualifier); p.Filename == cellFile && !strings.Contains(s, "invalid type") && !strings.HasPrefix(s, "(") && !strings.HasPrefix(s, "untyped") {
						f.Defines[Pos{p.Line, p.Column}] = s
					}
				}
			}
		}
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) > 1 && len(as.Rhs) == 1 {
			// a, err := g(...): each name's type, for the same retry.
			if _, call := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); call {
				if tup, ok := info.TypeOf(as.Rhs[0]).(*types.Tuple); ok && tup.Len() == len(as.Lhs) {
					for i, l := range as.Lhs {
						if id, ok := l.(*ast.Ident); !ok || id.Name == "_" || isTypeParam(tup.At(i).Type()) {
							continue
						}
						if p, s := fset.Position(l.Pos()), types.TypeString(tup.At(i).Type(), cellQualifier); p.Filename == cellFile && !strings.Contains(s, "invalid type") && !strings.HasPrefix(s, "(") && !strings.HasPrefix(s, "untyped") {
							f.Defines[Pos{p.Line, p.Column}] = s
						}
					}
				}
			}
		}
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) > 1 {
			if p := fset.Position(as.Lhs[0].Pos()); p.Filename == cellFile {
				if news, ok := redeclareTypes(as, info); ok {
					f.Redeclares[Pos{p.Line, p.Column}] = news
				}
			}
		}
		if vs, ok := n.(*ast.ValueSpec); ok && vs.Type == nil && len(vs.Names) > 1 && len(vs.Values) == 1 && isGenericCall(vs.Values[0], info) {
			// var a, err = g(...): every name's type, blank ones too.
			if tup, ok := info.TypeOf(vs.Values[0]).(*types.Tuple); ok && tup.Len() == len(vs.Names) {
				for i, id := range vs.Names {
					if p, s := fset.Position(id.Pos()), types.TypeString(tup.At(i).Type(), cellQualifier); p.Filename == cellFile && !isTypeParam(tup.At(i).Type()) && !strings.Contains(s, "invalid type") && !strings.HasPrefix(s, "untyped") {
						f.Defines[Pos{p.Line, p.Column}] = s
					}
				}
			}
		}
		if vs, ok := n.(*ast.ValueSpec); ok && vs.Type == nil && len(vs.Names) == 1 && len(vs.Values) == 1 && isGenericCall(vs.Values[0], info) {
			// var x = g(...): yaegi types a package-level one before it
			// instantiates g (a crash, or "constant definition loop"), and
			// typed (var x T = g(...)) it compiles.
			if t := info.TypeOf(vs.Values[0]); t != nil && !isTypeParam(t) {
				if p, s := fset.Position(vs.Names[0].Pos()), types.TypeString(t, cellQualifier); p.Filename == cellFile && !strings.Contains(s, "invalid type") && !strings.HasPrefix(s, "(") && !strings.HasPrefix(s, "untyped") {
					f.Defines[Pos{p.Line, p.Column}] = s
				}
			}
		}
		if r, ok := n.(*ast.RangeStmt); ok {
			if p := fset.Position(r.For); p.Filename == cellFile {
				if rf, ok := rangeFact(r, info); ok {
					f.Ranges[Pos{p.Line, p.Column}] = rf
				}
			}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if id := calledIdent(call.Fun); id != nil {
			return true // calls and values alike: below
		}
		sel, ok := ast.Unparen(explicitlyInstantiated(call.Fun)).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if m, ok := info.Uses[sel.Sel].(*types.Func); ok && m.Signature().Recv() != nil && isLogger(m.Signature().Recv().Type(), pkg) {
			// l.Println(v) of a log.New logger: as log.Println(v) below.
			p := fset.Position(sel.Sel.Pos())
			if p.Filename != cellFile {
				return true
			}
			at, name := Pos{p.Line, p.Column}, "log."+m.Name()
			if printFuncs[name] {
				if args := dynArgs(call, info, pkg, name, params); args != nil {
					f.DynArgs[at] = args
				}
				if es := elemStringers(call, info, pkg, name); es != nil {
					f.ElemStringers[at] = es
				}
			}
			if i, ok := printfFuncs[name]; ok {
				if names := typeNames(call, i, info, scope); names != nil {
					f.TypeNames[at] = names
				}
			}
			return true
		}
		if m, ok := info.Uses[sel.Sel].(*types.Func); ok && m.Signature().Recv() != nil && m.Pkg() != nil &&
			m.Pkg().Path() == "encoding/xml" && (m.Name() == "Encode" || m.Name() == "EncodeElement") && len(call.Args) > 0 {
			// enc.Encode(v): as xml.Marshal(v) below.
			if p := fset.Position(sel.Sel.Pos()); p.Filename == cellFile {
				f.XMLValues[Pos{p.Line, p.Column}], _ = encoderShape(info.TypeOf(call.Args[0]), pkg, xmlMethods, 0)
			}
			return true
		}
		if m, ok := info.Uses[sel.Sel].(*types.Func); ok && m.Signature().Recv() != nil && m.Pkg() != nil &&
			m.Pkg().Path() == "encoding/json" && m.Name() == "Encode" && len(call.Args) == 1 {
			// enc.Encode(v): as json.Marshal(v) below.
			if p := fset.Position(sel.Sel.Pos()); p.Filename == cellFile {
				if shape, ok := jsonShape(info.TypeOf(call.Args[0]), pkg, 0); ok && strings.ContainsAny(shape, "[*") {
					f.JSONShapes[Pos{p.Line, p.Column}] = shape
				}
			}
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		pn, ok := info.Uses[id].(*types.PkgName)
		if !ok {
			return true
		}
		p := fset.Position(sel.Sel.Pos())
		if p.Filename != cellFile {
			return true
		}
		at := Pos{p.Line, p.Column}
		path := pn.Imported().Path()
		if of := seqFuncs[path+"."+sel.Sel.Name]; of != nil && len(call.Args) > 0 {
			if sc, ok := seqCall(path, sel.Sel.Name, call, info, of); ok {
				f.Seqs[at] = sc
			}
		}
		if printFuncs[path+"."+sel.Sel.Name] {
			if args := dynArgs(call, info, pkg, path+"."+sel.Sel.Name, params); args != nil {
				f.DynArgs[at] = args
			}
			if es := elemStringers(call, info, pkg, path+"."+sel.Sel.Name); es != nil {
				f.ElemStringers[at] = es
			}
		}
		if path == "encoding/json" && (sel.Sel.Name == "Marshal" || sel.Sel.Name == "MarshalIndent") && len(call.Args) > 0 {
			if shape, ok := jsonShape(info.TypeOf(call.Args[0]), pkg, 0); ok && strings.ContainsAny(shape, "[*") {
				f.JSONShapes[at] = shape
			}
		}
		if path == "slices" || path == "maps" {
			if named := namedResult(info.TypeOf(call), pkg); named != "" {
				if p := fset.Position(call.Lparen); p.Filename == cellFile {
					f.NamedResults[Pos{p.Line, p.Column}] = named
				}
			}
		}
		if path == "reflect" && sel.Sel.Name == "DeepEqual" && len(call.Args) == 2 && differentTypes(call.Args[0], call.Args[1], info) {
			// reflect.DeepEqual(got, want) of a Words and a []string: Go
			// says false (the types differ); the interpreter gives both one
			// reflect type, and said true.
			if p := fset.Position(call.Pos()); p.Filename == cellFile {
				f.Quotients[Pos{p.Line, p.Column}] = "false"
			}
		}
		if path == "encoding/xml" && (sel.Sel.Name == "Marshal" || sel.Sel.Name == "MarshalIndent") && len(call.Args) > 0 {
			f.XMLValues[at], _ = encoderShape(info.TypeOf(call.Args[0]), pkg, xmlMethods, 0)
		}
		if i, ok := printfFuncs[path+"."+sel.Sel.Name]; ok {
			if names := typeNames(call, i, info, scope); names != nil {
				f.TypeNames[at] = names
			}
		}
		return true
	})
	f.Stringers = instanceStringers(info, pkg)
	f.CtxKeys = ctxKeys(fset, own, info, pkg)
	f.ErrorTypes = errorTypes(pkg)
	for id, args := range pkgFuncValues(own, info) {
		if p := fset.Position(id.Pos()); p.Filename == cellFile {
			f.PkgFuncValues[Pos{p.Line, p.Column}] = args
		}
	}
	// A generic func's uses, called or as a value (f := Evens[int]), are
	// instances.
	for id := range info.Instances {
		if p := fset.Position(id.Pos()); p.Filename == cellFile {
			if gc, ok := genericCall(id, info, pkg, decls); ok {
				f.Generics[Pos{p.Line, p.Column}] = gc
			} else if args, ok := typeArgs(id, info, pkg); ok {
				f.TypeArgs[Pos{p.Line, p.Column}] = args
			}
		}
	}
	return f
}

func seqCall(pkg, fn string, call *ast.CallExpr, info *types.Info, of func([]types.Type) []types.Type) (SeqCall, bool) {
	var args []types.Type
	for _, a := range call.Args {
		t := info.TypeOf(a)
		if t == nil {
			return SeqCall{}, false
		}
		args = append(args, t)
	}
	sc := SeqCall{Pkg: pkg, Func: fn}
	for _, t := range of(args) {
		s := types.TypeString(t, cellQualifier)
		if strings.Contains(s, "invalid type") || isTypeParam(t) {
			return SeqCall{}, false
		}
		sc.Types = append(sc.Types, s)
	}
	return sc, len(sc.Types) > 0
}

// isTypeParam: inside a generic func the element type may be a type
// parameter, which a concrete version cannot name.
// redeclareTypes returns the types of the names the definition as
// declares, when it also assigns names declared before it (the checker
// records those as uses); false when it redeclares none, or a new name's
// type cannot be written in the cell.
func redeclareTypes(as *ast.AssignStmt, info *types.Info) (map[string]string, bool) {
	news := map[string]string{}
	redeclared := false
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return nil, false
		}
		if id.Name == "_" {
			continue
		}
		if obj := info.Defs[id]; obj != nil {
			t := obj.Type()
			s := types.TypeString(t, cellQualifier)
			if isTypeParam(t) || strings.Contains(s, "invalid type") || strings.HasPrefix(s, "untyped") || strings.Contains(s, "struct{") || strings.Contains(s, "interface{") && s != "interface{}" {
				return nil, false
			}
			news[id.Name] = s
		} else if _, ok := info.Uses[id].(*types.Var); ok {
			redeclared = true
		} else {
			return nil, false
		}
	}
	return news, redeclared
}

func isTypeParam(t types.Type) bool {
	switch x := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return isTypeParam(x.Elem())
	case *types.Slice:
		return isTypeParam(x.Elem())
	case *types.Array:
		return isTypeParam(x.Elem())
	case *types.Map:
		return isTypeParam(x.Key()) || isTypeParam(x.Elem())
	case *types.Chan:
		return isTypeParam(x.Elem())
	case *types.Named:
		for i := range x.TypeArgs().Len() {
			if isTypeParam(x.TypeArgs().At(i)) {
				return true
			}
		}
	}
	return false
}

// cellQualifier writes a type as the cell's source does: its own types
// bare, others with their package's name.
// isGenericCall reports whether x calls an instance of a generic func
// (g(...), g[int](...), pkg.G(...)).
func isGenericCall(x ast.Expr, info *types.Info) bool {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return false
	}
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return false
	}
	_, ok = info.Instances[id]
	return ok
}

func cellQualifier(p *types.Package) string {
	if p.Path() == "main" {
		return ""
	}
	return p.Name()
}

// rangeFact is the fact about r when it ranges over an iterator func
// yielding one or two values, or over an integer.
// integerTerms reports whether every type of the constraint c's type
// set is an integer type (~int | ~int64, constraints.Integer).
func integerTerms(c types.Type) bool {
	iface, ok := c.Underlying().(*types.Interface)
	if !ok || iface.NumEmbeddeds() == 0 {
		return false
	}
	for i := range iface.NumEmbeddeds() {
		switch e := iface.EmbeddedType(i).(type) {
		case *types.Union:
			for j := range e.Len() {
				b, ok := e.Term(j).Type().Underlying().(*types.Basic)
				if !ok || b.Info()&types.IsInteger == 0 {
					return false
				}
			}
		default:
			if b, ok := e.Underlying().(*types.Basic); ok {
				if b.Info()&types.IsInteger == 0 {
					return false
				}
			} else if !integerTerms(e) {
				return false
			}
		}
	}
	return true
}

func rangeFact(r *ast.RangeStmt, info *types.Info) (RangeFact, bool) {
	t := info.TypeOf(r.X)
	if t == nil {
		return RangeFact{}, false
	}
	if isTypeParam(t) {
		// Inside a generic func, only a slice of channels of a type
		// parameter (Merge[T any](cs ...<-chan T)): the evaluator ranges
		// over it by index, which needs no element type.
		if sl, ok := t.(*types.Slice); ok && r.Value != nil {
			if _, isChan := sl.Elem().(*types.Chan); isChan {
				return RangeFact{X: types.ExprString(r.X), ChanValue: true}, true
			}
		}
		if tp, ok := t.(*types.TypeParam); ok && integerTerms(tp.Constraint()) {
			// for i := range n with n T, T ~int: i is a T.
			return RangeFact{X: types.ExprString(r.X), Int: true, Type: tp.Obj().Name()}, true
		}
		return RangeFact{}, false
	}
	rf := RangeFact{X: types.ExprString(r.X)}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		rf.Int = u.Info()&types.IsInteger != 0
		if rf.Int && u.Info()&types.IsUntyped == 0 {
			if s := types.TypeString(t, cellQualifier); !strings.Contains(s, "invalid type") {
				rf.Type = s
			}
		}
		return rf, true
	case *types.Slice, *types.Array, *types.Pointer, *types.Map:
		var elem types.Type
		switch c := u.(type) {
		case *types.Slice:
			elem = c.Elem()
		case *types.Array:
			elem = c.Elem()
		case *types.Map:
			elem = c.Elem()
		case *types.Pointer:
			if a, ok := c.Elem().Underlying().(*types.Array); ok {
				elem = a.Elem()
			}
		}
		if elem != nil && r.Value != nil {
			_, rf.ChanValue = elem.Underlying().(*types.Chan)
		}
		return rf, true
	case *types.Signature:
		if n := len(seqTypes([]types.Type{t})); n == 1 || n == 2 {
			if nt, ok := t.(*types.Named); ok && nt.Obj().Pkg() != nil && nt.Obj().Pkg().Path() == "iter" {
				t = u // iter.Seq[V] from strings.SplitSeq: the cell may not import iter
			}
			rf.Arity, rf.Type = n, types.TypeString(t, cellQualifier)
			return rf, !strings.Contains(rf.Type, "invalid type")
		}
	case *types.Chan:
		rf.Chan = true
		return rf, true
	}
	return RangeFact{}, false
}

// typeOf is the underlying type of x, nil when go/types has none.
// asTarget is the interface type, as the cell writes it, that an
// errors.As call's target points to, when the cell declares it (see
// Facts.AsTargets).
func asTarget(call *ast.CallExpr, info *types.Info, pkg *types.Package) (string, bool) {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || se.Sel.Name != "As" {
		return "", false
	}
	id, ok := se.X.(*ast.Ident)
	if !ok {
		return "", false
	}
	if pn, ok := info.Uses[id].(*types.PkgName); !ok || pn.Imported().Path() != "errors" {
		return "", false
	}
	ptr, ok := typeOf(info, call.Args[1]).(*types.Pointer)
	if !ok {
		return "", false
	}
	elem := ptr.Elem()
	if it, ok := elem.Underlying().(*types.Interface); !ok || it.NumMethods() == 0 {
		return "", false
	}
	switch t := elem.(type) {
	case *types.Named:
		if t.Obj().Pkg() != pkg {
			return "", false // error, or a package's interface: compiled errors.As knows it
		}
	case *types.Interface:
	default:
		return "", false
	}
	s := types.TypeString(elem, cellQualifier)
	return s, !strings.Contains(s, "invalid type")
}

func typeOf(info *types.Info, x ast.Expr) types.Type {
	if t := info.TypeOf(x); t != nil {
		return t.Underlying()
	}
	return nil
}

// namedTypeOf is, for a call reflect.TypeOf(x) whose argument's static
// type is a named type of the cells other than a struct or interface,
// the type's name as reflect writes it, and TypeOf's Sel; "?" for an
// argument of type any (its dynamic type may be one).
func namedTypeOf(call *ast.CallExpr, info *types.Info) (string, *ast.Ident) {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || se.Sel.Name != "TypeOf" {
		return "", nil
	}
	if f, ok := info.Uses[se.Sel].(*types.Func); !ok || f.Pkg() == nil || f.Pkg().Path() != "reflect" {
		return "", nil
	}
	t := info.TypeOf(call.Args[0])
	if iface, ok := types.Unalias(t).(*types.Interface); ok && iface.Empty() {
		// (Only any: yaegi passes a value of another interface through
		// an any parameter in its wrapper for that interface.)
		return "?", se.Sel
	}
	named, ok := t.(*types.Named)
	if !ok || isTypeParam(named) || !misnamed(named) {
		return "", nil
	}
	if n := reflectName(named); n != "" && !strings.Contains(n, "invalid type") {
		return n, se.Sel
	}
	return "", nil
}

// reflectMethods are the methods of reflect.Type and reflect.Value
// whose answers name a cell's types, fields or methods (see
// Facts.ReflectCalls).
var reflectMethods = map[string]bool{
	"Type.Name": true, "Type.String": true, "Type.PkgPath": true, "Type.Field": true,
	"Type.FieldByName": true, "Type.NumMethod": true, "Value.FieldByName": true, "Value.NumMethod": true,
}

// reflectCall is "Type.Name" for se, t.Name of a reflect.Type t, when
// se selects one of reflectMethods; "" otherwise.
func reflectCall(se *ast.SelectorExpr, info *types.Info) string {
	// Neither type has exported fields: a selector on one is a method.
	t := info.TypeOf(se.X)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "reflect" {
		return ""
	}
	if m := named.Obj().Name() + "." + se.Sel.Name; reflectMethods[m] {
		return m
	}
	return ""
}

// instanceStringers are the instances of the cells' generic struct types
// with a String or Error method among the types of the cell's
// expressions, their elements and pointers (see Facts.Stringers).
func instanceStringers(info *types.Info, pkg *types.Package) []InstanceStringer {
	seen := map[types.Type]bool{}
	var out []InstanceStringer
	var walk func(t types.Type, depth int)
	walk = func(t types.Type, depth int) {
		if t == nil || depth > 6 || seen[t] {
			return
		}
		seen[t] = true
		switch x := t.(type) {
		case *types.Pointer:
			walk(x.Elem(), depth+1)
		case *types.Slice:
			walk(x.Elem(), depth+1)
		case *types.Array:
			walk(x.Elem(), depth+1)
		case *types.Map:
			walk(x.Key(), depth+1)
			walk(x.Elem(), depth+1)
		case *types.Chan:
			walk(x.Elem(), depth+1)
		case *types.Named:
			if x.Obj().Pkg() != pkg || isTypeParam(x) || x.Obj().Parent() != pkg.Scope() {
				return
			}
			st, ok := x.Underlying().(*types.Struct)
			if !ok {
				return
			}
			if x.TypeArgs().Len() == 0 {
				// A plain struct type's own methods are registered as
				// they are declared; one promoted from an embedded field
				// is not.
				for _, m := range []string{"Error", "String"} {
					if ptr, ok := stringMethod(x, m); ok {
						if promoted(x, m) {
							out = append(out, InstanceStringer{Type: x.Obj().Name(), Method: m, Ptr: ptr})
						}
						break
					}
				}
				for i := range st.NumFields() {
					walk(st.Field(i).Type(), depth+1)
				}
				return
			}
			for i := range x.TypeArgs().Len() {
				walk(x.TypeArgs().At(i), depth+1)
			}
			name := types.TypeString(x, cellQualifier)
			if strings.Contains(name, "invalid type") {
				return
			}
			for _, m := range []string{"Error", "String"} {
				if ptr, ok := stringMethod(x, m); ok {
					out = append(out, InstanceStringer{Type: name, Method: m, Ptr: ptr})
					return
				}
			}
		}
	}
	for _, tv := range info.Types {
		walk(tv.Type, 0)
	}
	slices.SortFunc(out, func(a, b InstanceStringer) int { return strings.Compare(a.Type, b.Type) })
	return out
}

// cellInterface reports whether t is an interface type with methods
// declared in pkg, the cells' package.
func cellInterface(t types.Type, pkg *types.Package) bool {
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() != pkg {
		return false
	}
	it, ok := n.Underlying().(*types.Interface)
	return ok && it.NumMethods() > 0
}

// isLogger reports whether t is the logger log.New returns (the
// evaluator's stand-in for *log.Logger, whose methods the checker's
// table names after the stand-in's package).
func isLogger(t types.Type, pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() != "log" {
			continue
		}
		if fn, ok := imp.Scope().Lookup("New").(*types.Func); ok && fn.Signature().Results().Len() == 1 {
			return types.Identical(fn.Signature().Results().At(0).Type(), t)
		}
	}
	return false
}

// namedResult is t as the cell writes it when t is a named slice or
// map type the cell's package declares at its top level ("" otherwise).
func namedResult(t types.Type, pkg *types.Package) string {
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() != pkg || n.Obj().Parent() != pkg.Scope() {
		return ""
	}
	switch n.Underlying().(type) {
	case *types.Slice, *types.Map:
		return types.TypeString(n, cellQualifier)
	}
	return ""
}

// jsonMethods and xmlMethods are the methods json and xml call.
var (
	jsonMethods = []string{"MarshalJSON", "MarshalText"}
	xmlMethods  = []string{"MarshalXML", "MarshalXMLAttr", "MarshalText"}
)

// jsonShape is t as Facts.JSONShapes writes it, and whether it names a
// cell type with a MarshalJSON or MarshalText method ("_" stands for a
// part that names none).
func jsonShape(t types.Type, pkg *types.Package, depth int) (string, bool) {
	return encoderShape(t, pkg, jsonMethods, depth)
}

// encoderShape is jsonShape for an encoder calling methods.
func encoderShape(t types.Type, pkg *types.Package, methods []string, depth int) (string, bool) {
	if t == nil || depth > 8 {
		return "_", false
	}
	if n, ok := t.(*types.Named); ok {
		if n.Obj().Pkg() != pkg || n.TypeArgs().Len() > 0 {
			return "_", false
		}
		switch n.Underlying().(type) {
		case *types.Struct, *types.Interface:
			return "_", false // registered by reflect type; interfaces hold their own values
		}
		for _, m := range methods {
			if obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), false, pkg, m); obj != nil {
				return "main." + n.Obj().Name(), true
			}
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		s, ok := encoderShape(u.Elem(), pkg, methods, depth+1)
		return "[]" + s, ok
	case *types.Array:
		s, ok := encoderShape(u.Elem(), pkg, methods, depth+1)
		return "[]" + s, ok
	case *types.Map:
		k, okk := encoderShape(u.Key(), pkg, methods, depth+1)
		v, okv := encoderShape(u.Elem(), pkg, methods, depth+1)
		return "map[" + k + "]" + v, okk || okv
	case *types.Pointer:
		if depth == 0 {
			s, ok := encoderShape(u.Elem(), pkg, methods, depth+1)
			return "*" + s, ok
		}
	}
	return "_", false
}

// promoted reports whether t's method name comes from an embedded field.
func promoted(t *types.Named, name string) bool {
	sel := types.NewMethodSet(types.NewPointer(t)).Lookup(nil, name)
	return sel != nil && len(sel.Index()) > 1
}

// stringMethod reports whether t or *t has a method name() string, and
// whether only *t has it.
func stringMethod(t *types.Named, name string) (ptr, ok bool) {
	for _, p := range []bool{false, true} {
		var recv types.Type = t
		if p {
			recv = types.NewPointer(t)
		}
		sel := types.NewMethodSet(recv).Lookup(nil, name)
		if sel == nil {
			continue
		}
		sig, _ := sel.Type().(*types.Signature)
		if sig != nil && sig.Params().Len() == 0 && sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Typ[types.String]) {
			return p, true
		}
	}
	return false, false
}

// shiftType is the type of be, a shift whose left operand is an untyped
// constant and whose count is not constant, when it is not int (see
// Facts.Shifts).
func shiftType(be *ast.BinaryExpr, info *types.Info) (string, bool) {
	x, ok := info.Types[be.X]
	if !ok || x.Value == nil {
		return "", false
	}
	if c, ok := info.Types[be.Y]; !ok || c.Value != nil {
		return "", false // a constant shift: yaegi computes it as a constant
	}
	lit := ast.Unparen(be.X)
	if _, ok := lit.(*ast.BasicLit); !ok {
		if id, ok := lit.(*ast.Ident); !ok || info.Uses[id] == nil || !isUntypedConst(info.Uses[id]) {
			return "", false
		}
	}
	t := info.TypeOf(be)
	if t == nil || isTypeParam(t) {
		return "", false
	}
	if b, ok := t.(*types.Basic); ok && (b.Kind() == types.Int || b.Info()&types.IsUntyped != 0) {
		return "", false
	}
	if _, ok := t.Underlying().(*types.Basic); !ok {
		return "", false
	}
	s := types.TypeString(t, cellQualifier)
	return s, !strings.Contains(s, "invalid type")
}

// isUntypedConst reports whether o is a constant declared without a type.
func isUntypedConst(o types.Object) bool {
	c, ok := o.(*types.Const)
	if !ok {
		return false
	}
	b, ok := c.Type().(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}

// quotient is the literal standing for be, a constant division, with
// its type when it has one (see Facts.Quotients).
// complexConst is the literal of be, a constant expression of a complex
// type, as complex(re, im) converted to its type when it has one (see
// Facts.Quotients).
func complexConst(be ast.Expr, info *types.Info) (string, bool) {
	tv, ok := info.Types[be]
	if !ok || tv.Value == nil || usesIota(be) {
		return "", false
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsComplex == 0 {
		return "", false
	}
	part := func(v constant.Value) string {
		f, _ := constant.Float64Val(constant.ToFloat(v))
		lit := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(lit, ".eIN") {
			lit += ".0"
		}
		return lit
	}
	v := constant.ToComplex(tv.Value)
	lit := "complex(" + part(constant.Real(v)) + ", " + part(constant.Imag(v)) + ")"
	if b.Kind() == types.UntypedComplex {
		return lit, true
	}
	t := types.TypeString(tv.Type, cellQualifier)
	if strings.Contains(t, "invalid type") {
		return "", false
	}
	return t + "(" + lit + ")", true
}

// isFloatConst reports whether x is a constant expression of a float
// value, not iota's: yaegi computes such expressions in float64 (const
// third = 1.0 / 3; third * 3 was 0.9999999999999999, Go's is 1), so the
// literal of the value Go computes stands for the whole (see quotient).
func isFloatConst(x ast.Expr, info *types.Info) bool {
	tv, ok := info.Types[x]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Float && !usesIota(x)
}

// floatLit is the literal of v, a float constant, to 60 significant
// digits: as exact as Go's constant arithmetic wherever a float64 or
// float32 can tell.
func floatLit(v constant.Value) string {
	if i := constant.ToInt(v); i.Kind() == constant.Int {
		return i.ExactString() + ".0"
	}
	var f *big.Float
	switch x := constant.Val(v).(type) {
	case *big.Rat:
		f = new(big.Float).SetPrec(256).SetRat(x)
	case *big.Float:
		f = new(big.Float).SetPrec(256).Set(x)
	default:
		f64, _ := constant.Float64Val(v)
		f = big.NewFloat(f64)
	}
	lit := f.Text('g', 60)
	if !strings.ContainsAny(lit, ".e") {
		lit += ".0"
	}
	return lit
}

// usesIota reports whether x names iota: one expression, a value for
// each constant it declares.
func usesIota(x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == "iota" {
			found = true
		}
		return !found
	})
	return found
}

// differentTypes reports whether a and b, the arguments of a DeepEqual,
// are of types that are no interfaces, hold no type parameter and differ,
// so that DeepEqual is false whatever their values, and whether reading
// them has no effect to keep (no calls, receives).
func differentTypes(a, b ast.Expr, info *types.Info) bool {
	ta, tb := info.TypeOf(a), info.TypeOf(b)
	if ta == nil || tb == nil || types.IsInterface(ta) || types.IsInterface(tb) || types.Identical(ta, tb) {
		return false
	}
	for _, t := range []types.Type{ta, tb} {
		if b, ok := t.(*types.Basic); ok && (b.Info()&types.IsUntyped != 0 || b.Kind() == types.Invalid) || strings.Contains(types.TypeString(t, nil), "invalid type") {
			return false
		}
	}
	if typeParamIn(ta, map[types.Type]bool{}) || typeParamIn(tb, map[types.Type]bool{}) {
		return false
	}
	plain := true
	for _, x := range []ast.Expr{a, b} {
		ast.Inspect(x, func(n ast.Node) bool {
			switch v := n.(type) {
			case *ast.CallExpr:
				if tv, ok := info.Types[v.Fun]; !ok || !tv.IsType() { // a conversion is no call
					plain = false
				}
			case *ast.UnaryExpr:
				if v.Op == token.ARROW {
					plain = false
				}
			case *ast.FuncLit:
				return false
			}
			return plain
		})
	}
	return plain
}

// typeParamIn reports whether t mentions a type parameter.
func typeParamIn(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch x := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return typeParamIn(x.Elem(), seen)
	case *types.Slice:
		return typeParamIn(x.Elem(), seen)
	case *types.Array:
		return typeParamIn(x.Elem(), seen)
	case *types.Map:
		return typeParamIn(x.Key(), seen) || typeParamIn(x.Elem(), seen)
	case *types.Chan:
		return typeParamIn(x.Elem(), seen)
	case *types.Struct:
		for i := range x.NumFields() {
			if typeParamIn(x.Field(i).Type(), seen) {
				return true
			}
		}
	case *types.Named:
		if args := x.TypeArgs(); args != nil {
			for i := range args.Len() {
				if typeParamIn(args.At(i), seen) {
					return true
				}
			}
		}
	}
	return false
}

// floatComparison is the value, true or false, of be, a comparison of
// constants one of which is a float constant: yaegi's math.Pi is a
// float64, so 1.5 < math.Pi was refused (mismatched types untyped float
// and untyped float64).
func floatComparison(be *ast.BinaryExpr, info *types.Info) (string, bool) {
	switch be.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return "", false
	}
	tv, ok := info.Types[be]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Bool || usesIota(be) || !isFloatConst(be.X, info) && !isFloatConst(be.Y, info) {
		return "", false
	}
	if b, ok := tv.Type.(*types.Basic); !ok || b.Kind() != types.UntypedBool && b.Kind() != types.Bool { // bool where it met an interface
		return "", false
	}
	return strconv.FormatBool(constant.BoolVal(tv.Value)), true
}

func quotient(be *ast.BinaryExpr, info *types.Info) (string, bool) {
	return constLit(be, info)
}

// isBuiltin reports whether fun names one of Go's builtin funcs names.
func isBuiltin(fun ast.Expr, info *types.Info, names ...string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = info.Uses[id].(*types.Builtin)
	return ok && slices.Contains(names, id.Name)
}

// constLit is the literal standing for x, a constant expression of a
// number or string type, with its type when it has one.
func constLit(x ast.Expr, info *types.Info) (string, bool) {
	tv, ok := info.Types[x]
	if !ok || tv.Value == nil {
		return "", false
	}
	if usesIota(x) {
		return "", false
	}
	if b, ok := tv.Type.(*types.Basic); ok && b.Kind() == types.UntypedString && tv.Value.Kind() == constant.String {
		return tv.Value.ExactString(), true
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok {
		return "", false
	}
	var lit string
	switch v := tv.Value; {
	case v.Kind() == constant.Int && b.Kind() == types.UntypedFloat:
		lit = floatLit(v) // min(1, 2.0) is 1 but a float: "1.0"
	case v.Kind() == constant.Int:
		lit = v.ExactString()
	case v.Kind() == constant.Float:
		lit = floatLit(v)
	default:
		return "", false
	}
	switch {
	case b.Kind() == types.UntypedInt && tv.Value.Kind() == constant.Int, b.Kind() == types.UntypedFloat:
		return lit, true
	case b.Info()&types.IsUntyped != 0:
		return "", false // a rune, or an int kept as a float: leave it
	case b.Info()&types.IsNumeric == 0 || b.Info()&types.IsComplex != 0:
		return "", false
	}
	t := types.TypeString(tv.Type, cellQualifier)
	if strings.Contains(t, "invalid type") {
		return "", false
	}
	return t + "(" + lit + ")", true
}

// errorTypes lists the non-generic named types of pkg's scope that
// implement error, "*T" when only the pointer does (Facts.ErrorTypes).
func errorTypes(pkg *types.Package) []string {
	errIface := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	var out []string
	for _, name := range pkg.Scope().Names() {
		tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
			continue
		}
		switch {
		case types.Implements(named, errIface):
			out = append(out, name)
		case types.Implements(types.NewPointer(named), errIface):
			out = append(out, "*"+name)
		}
	}
	return out
}
