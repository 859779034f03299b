package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// A post whose own name is 243–255 bytes (80 Chinese characters and .md)
// is written: its temporary name, cut at a character, fits the file
// system's 255 bytes too.
func TestWriteFileAtomicLongName(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{80, 81, 84} {
		name := strings.Repeat("长", n) + ".md" // 243, 246, 255 bytes
		path := filepath.Join(dir, name)
		if err := writeFileAtomic(path, []byte("x")); err != nil {
			t.Fatalf("%d bytes: %v", len(name), err)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != "x" {
			t.Fatalf("%d bytes: read back %q, %v", len(name), b, err)
		}
	}
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	for _, base := range []string{strings.Repeat("长", 84) + ".md", strings.Repeat("a", 255), "short.md"} {
		tmp := tempName(base, "1z141z3")
		if len(tmp) > maxNameBytes || !utf8.ValidString(tmp) || !strings.HasPrefix(tmp, ".") || !strings.HasSuffix(tmp, ".1z141z3.tmp") {
			t.Errorf("tempName(%d bytes) = %q (%d bytes)", len(base), tmp, len(tmp))
		}
	}
	if got := tempName("short.md", "k"); got != ".short.md.k.tmp" {
		t.Errorf("a short name is kept whole: %q", got)
	}
}
