package postextract

import "golang.org/x/net/html/atom"

// atomTable maps atoms to values with one multiply, one shift and one
// compare: the walk looks up every element's rule and drop rule, and a map's
// hashing showed in its profile. The multiplier is chosen at start-up so
// that no two keys share a slot.
type atomTable[V any] struct {
	mul   uint32
	shift uint32
	keys  []atom.Atom // 0: an empty slot
	vals  []V
}

func newAtomTable[V any](m map[atom.Atom]V) atomTable[V] {
	for bits := uint32(4); ; bits++ {
		size := 1 << bits
		if size < 2*len(m) {
			continue
		}
		// Odd multipliers from a fixed sequence: the same table every run.
		mul := uint32(0x9E3779B1)
		for range 2000 {
			t := atomTable[V]{mul: mul, shift: 32 - bits, keys: make([]atom.Atom, size), vals: make([]V, size)}
			if t.fill(m) {
				return t
			}
			mul = mul*1664525 + 1013904223 | 1
		}
	}
}

// fill places every key of m, and reports false at the first collision.
func (t *atomTable[V]) fill(m map[atom.Atom]V) bool {
	for k, v := range m {
		i := t.slot(k)
		if t.keys[i] != 0 {
			return false
		}
		t.keys[i], t.vals[i] = k, v
	}
	return true
}

func (t *atomTable[V]) slot(a atom.Atom) uint32 { return uint32(a) * t.mul >> t.shift }

// get returns the value of a, or the zero value when a (or 0, the atom of
// an unknown element) has none.
func (t *atomTable[V]) get(a atom.Atom) (v V, ok bool) {
	if len(t.keys) == 0 || a == 0 {
		return v, false
	}
	i := t.slot(a)
	if t.keys[i] != a {
		return v, false
	}
	return t.vals[i], true
}
