package interp

import (
	"go/constant"
	"go/token"
	"reflect"
)

// compareConst computes a comparison of two constants at compile time, as
// Go does: the result is a constant (const ok = 3 < 4), compared exactly
// (math.MaxUint64 > math.MaxInt64, 1+1e-30 == 1). golessons: upstream
// compared at run time, where a constant declaration read false, and
// untyped operands were first made int64 or float64. Operands that are
// not constant values are left to run time.
func compareConst(n *node) {
	x, ok0 := constOf(n.child[0].rval)
	y, ok1 := constOf(n.child[1].rval)
	if !ok0 || !ok1 {
		return
	}
	op, ok := map[action]token.Token{
		aEqual: token.EQL, aNotEqual: token.NEQ, aGreater: token.GTR,
		aGreaterEqual: token.GEQ, aLower: token.LSS, aLowerEqual: token.LEQ,
	}[n.action]
	if !ok || x.Kind() == constant.Unknown || y.Kind() == constant.Unknown {
		return
	}
	defer func() {
		if recover() != nil { // kinds that do not compare: left to run time, which reports them
			n.rval = reflect.Value{}
		}
	}()
	r := constant.Compare(x, op, y)
	rv := reflect.New(n.typ.TypeOf()).Elem()
	rv.SetBool(r)
	n.rval = rv
}

// foldLogical computes && and || of two constants at compile time: the
// result is a constant (const ok = 2 > 0 && 1 < 2). golessons: upstream
// computed it only at run time, and a constant declaration read false.
func foldLogical(n *node) {
	x, ok0 := constOf(n.child[0].rval)
	y, ok1 := constOf(n.child[1].rval)
	if !ok0 || !ok1 || x.Kind() != constant.Bool || y.Kind() != constant.Bool || isInterface(n.typ) {
		return
	}
	b := constant.BoolVal(x)
	if n.kind == landExpr {
		b = b && constant.BoolVal(y)
	} else {
		b = b || constant.BoolVal(y)
	}
	rv := reflect.New(n.typ.TypeOf()).Elem()
	rv.SetBool(b)
	n.rval = rv
	n.gen = nop
	n.findex = notInFrame
	n.start = n // the operands are constants: nothing of them runs
}

func init() {
	for _, a := range []action{aEqual, aNotEqual, aGreater, aGreaterEqual, aLower, aLowerEqual} {
		constOp[a] = compareConst // here: the table's initialiser would refer to itself
	}
}

// constOf is the constant a compile-time value holds.
func constOf(v reflect.Value) (constant.Value, bool) {
	if !v.IsValid() {
		return nil, false
	}
	if v.Type().Implements(constVal) {
		c, ok := v.Interface().(constant.Value)
		return c, ok && c != nil
	}
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float()), true
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(c)))), true
	case reflect.String:
		return constant.MakeString(v.String()), true
	}
	return nil, false
}
