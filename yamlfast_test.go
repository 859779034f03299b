package postextract

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
)

// yamlCorners are YAML 1.1/1.2 resolution corner cases: the fast path must
// read them as yaml.v3 does, or leave them to it.
var yamlCorners = []string{
	"a: yes", "a: on", "a: 0o17", "a: 1_000", "a: .5", "a: +1", "a: 2021-4-7", "a: null", "a: ~",
	"a: 'it''s'", `a: "\u00e9"`, "a: value # comment", "a:value", "- - x", "a: - x",
	"a: 0x1F", "a: 1e3", "a: .inf", "a: -.INF", "a: .NaN", "a: True", "a: FALSE", "a: Null",
	"a: 2021-04-07 12:10:50", "a: 12:30", "a: 1:2:3", "a: 0b101", "a: 007", "a: 1.0", "a: -0",
	"a: [1, two, 'three', \"four\"]", "a: []", "a:\n  - x\n  - y", "a:\n- x\n- y\nb: z",
	"a:\n  b: c", "a: &x y\nb: *x", "a: !!str 1", "a: |\n  x", "a: >\n  x", "a: x\n  y",
	"a: 'x\n  y'", "a: x\na: y", "<<: {a: 1}", "true: x", "1: x", "a.b-c_d: x", "a: \"x\" # c",
	"a: 'x' # c", "a: x#y", "a: C# rocks #1", "a: http://x.com/a?b=c#d", "a: [a, b,]", "a: [a, [b]]",
	"a: {b: c}", "a: @x", "a: `x`", "a: %x", "a: ? x", "a: x: y", "a: x:", "# c\na: b\n\n# d",
	"a:\n\n  - x\n\n  - y", "a:\n  - x\n    y", "a:\n  - [x]", "a:\n  - b: c", "a:\n  -", "a: \"\"", "a: ''",
	`a: "\ud83d\ude80 b"`, `a: "\ud83d b"`, `a: "\ude80\ud83d"`, `a: ["\uD83D\uDE80", "x"]`, `a: "\x41\N\_\L\P\e\0\ \'\xff"`, `a: "\/"`,
	`a: "\"q\" \\"`, `a: "\U0001F680"`, `a: "\U00110000"`, `a: "\q"`, `a: "x\"`, `a: "\u00e"`, "a: \"\\\t\"",
}

// yamlSeeds are the front matters of the fixtures and the dev corpus, and the
// corner cases.
func yamlSeeds() [][]byte {
	var out [][]byte
	paths, _ := filepath.Glob("testdata/posts/*")
	more, _ := filepath.Glob(filepath.Join(corpusDir, "*.md"))
	more2, _ := filepath.Glob(filepath.Join(formatsDir, "*", "*.*"))
	for _, p := range append(append(paths, more...), more2...) {
		src, err := os.ReadFile(p)
		if err != nil || !bytes.HasPrefix(bytes.TrimLeft(src, "\n"), []byte("---")) {
			continue
		}
		_, rest, _ := bytes.Cut(src, []byte("---\n"))
		if fm, _, ok := bytes.Cut(rest, []byte("\n---")); ok {
			out = append(out, fm)
		}
	}
	for _, c := range yamlCorners {
		out = append(out, []byte(c))
	}
	return out
}

// checkFastPath asserts that when the fast path reads raw, it reads what
// yaml.v3 reads: the same values and the same written texts for every key.
func checkFastPath(t *testing.T, raw []byte) bool {
	fast, texts, ok := fastYAML(raw)
	if !ok {
		return false
	}
	slow, err := decodeYAMLNode(raw, &report{})
	if err != nil {
		t.Fatalf("fast path accepts what yaml.v3 refuses (%v):\n%s", err, raw)
	}
	if !reflect.DeepEqual(fast, slow.meta) {
		t.Fatalf("fast path reads %#v, yaml.v3 %#v:\n%s", fast, slow.meta, raw)
	}
	fastFM := frontMatter{meta: fast, texts: texts}
	for k := range slow.meta {
		if got, want := fastFM.text(k, fast[k]), slow.text(k, slow.meta[k]); !reflect.DeepEqual(got, want) {
			t.Fatalf("key %q: fast path text %#v, yaml.v3 %#v:\n%s", k, got, want, raw)
		}
	}
	return true
}

func FuzzFrontMatterFastPath(f *testing.F) {
	for _, s := range yamlSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkFastPath(t, raw)
	})
}

// TestFastPathCoverage: the fast path reads what yaml.v3 reads on every
// seed it takes, and takes most real front matters.
func TestFastPathCoverage(t *testing.T) {
	real, taken := 0, 0
	for i, raw := range yamlSeeds() {
		ok := checkFastPath(t, raw)
		if i < len(yamlSeeds())-len(yamlCorners) {
			real++
			if ok {
				taken++
			}
		}
	}
	t.Logf("the fast path takes %d of %d front matters of the fixtures and corpora", taken, real)
	assert.Greater(t, taken*10, real*8)
}
