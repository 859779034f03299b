//go:build !linux

package postextract

import "time"

// threadCPU cannot read one thread's CPU time on this system: the cost
// checks that need it are left out.
func threadCPU() (time.Duration, bool) { return 0, false }
