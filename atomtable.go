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

// newAtomTable builds the table of m, the smallest of four slots a key or
// more for which one of a fixed sequence of multipliers places every key
// in a slot of its own.
func newAtomTable[V any](m map[atom.Atom]V) atomTable[V] {
	keys := make([]atom.Atom, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// Four slots a key or more, and more while no multiplier is found: n
	// keys in s slots collide in about n²/2s pairs, so a try succeeds with
	// a chance of about exp(-n²/2s), which a few doublings make near 1.
	for bits := uint32(4); bits < 32; bits++ {
		size := 1 << bits
		if size < 4*len(m) {
			continue
		}
		used := make([]bool, size)
		// Odd multipliers from a fixed sequence: the same table every run.
		mul := uint32(0x9E3779B1)
		for range 64 {
			if t := (atomTable[V]{mul: mul, shift: 32 - bits}); t.collisionFree(keys, used) {
				t.keys, t.vals = make([]atom.Atom, size), make([]V, size)
				for _, k := range keys {
					i := t.slot(k)
					t.keys[i], t.vals[i] = k, m[k]
				}
				return t
			}
			mul = mul*1664525 + 1013904223 | 1
		}
	}
	panic("postextract: no atom table") // unreachable: long before 2^31 slots, 64 tries all but surely succeed
}

// collisionFree reports whether no two keys share a slot; used is scratch
// of the table's size.
func (t *atomTable[V]) collisionFree(keys []atom.Atom, used []bool) bool {
	clear(used)
	for _, k := range keys {
		i := t.slot(k)
		if used[i] {
			return false
		}
		used[i] = true
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
