package postextract

import (
	"bytes"
	"flag"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// costGrowth bounds how much more a byte may cost when a body is repeated
// to 32 KB than when it is repeated to 2 KB: about 1 (up to 2) for linear
// work, 16 for quadratic (goldmark without the guard: 8 to 19 on "[a](",
// "_a*", "> ", "1. ", "[a](<"). The parsing thread's CPU time, not the wall
// clock, and the least of a few runs keep it clear of a busy machine's
// noise.
const costGrowth = 4

// checkLinearCost holds a Markdown body's cost to linear: the body
// repeated to 2 KB and to 32 KB, the time per byte may grow at most
// costGrowth times. A first reading over it is taken again, the least of
// five runs. Bodies over 2 KB are left out. It times, so it runs only
// when asked to while fuzzing (see fuzzing): a plain go test asserts
// nothing timed, and BenchmarkMarkdownCost measures the same patterns.
func checkLinearCost(t *testing.T, parse func([]byte), body string) {
	t.Helper()
	if len(body) == 0 || len(body) > 2048 || !fuzzing() {
		return
	}
	if costGrowthOf(parse, body, 1) <= costGrowth {
		return
	}
	if g := costGrowthOf(parse, body, 5); g > costGrowth {
		t.Fatalf("cost not linear: a byte of %q repeated to 32 KB costs %.1f times one at 2 KB", body, g)
	}
}

// costGrowthOf is how many times more a byte of body costs parse when
// body is repeated to 32 KB than when it is repeated to 2 KB, the least of
// runs each; 0 where a thread's CPU time cannot be read.
func costGrowthOf(parse func([]byte), body string, runs int) float64 {
	small, big := repeatTo(body, 2<<10), repeatTo(body, 32<<10)
	s, ok1 := leastCPU(parse, small, runs)
	b, ok2 := leastCPU(parse, big, runs)
	if !ok1 || !ok2 {
		return 0
	}
	return (float64(b) / float64(len(big))) / (float64(max(s, time.Microsecond)) / float64(len(small)))
}

// repeatTo returns s repeated to at least n bytes.
func repeatTo(s string, n int) []byte {
	return bytes.Repeat([]byte(s), (n+len(s)-1)/len(s))
}

// leastCPU is the least CPU time of runs calls of parse(src), on one
// thread.
func leastCPU(parse func([]byte), src []byte, runs int) (time.Duration, bool) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	least := time.Duration(math.MaxInt64)
	for range runs {
		t0, ok := threadCPU()
		parse(src)
		t1, _ := threadCPU()
		if !ok {
			return 0, false
		}
		least = min(least, t1-t0)
	}
	return least, true
}

// markdownParser is what FuzzMarkdown's cost check times: e's Parse of a
// body, its errors aside (an empty body is one).
func markdownParser(e *Extractor) func([]byte) {
	return func(b []byte) { _, _ = e.Parse(b) }
}

// TestMarkdownGuardKeepsText: a hostile Markdown body is read with its
// costly markup as text — every character of it kept — and a warning.
func TestMarkdownGuardKeepsText(t *testing.T) {
	cases := []struct{ name, body, text string }{
		{"unclosed link destinations", strings.Repeat("[a](", 3000), strings.Repeat("[a](", 3000)},
		{"unclosed angle destinations", strings.Repeat("[a](<", 3000), strings.Repeat("[a](<", 3000)},
		{"emphasis no closer matches", strings.Repeat("_a*", 3000), strings.Repeat("_a*", 3000)},
		{"labels on many lines", strings.Repeat("[a]\n", 3000), strings.Repeat("[a]", 3000)},
		{"code spans of growing length", string(backtickRuns(16 << 10)), string(backtickRuns(16 << 10))},
		{"quotes nested deep", strings.Repeat("> ", 3000) + "deep", strings.Repeat(">", 3000-guardNesting) + "deep"},
		{"ordered lists nested deep", strings.Repeat("1. ", 3000) + "x", strings.Repeat("1.", 3000-guardNesting) + "x"},
		{"lists nested by indentation", string(repeatLines("  ", "- x")(64 << 10)), "-x-x-x-x"},
		{"a wide table of empty rows", strings.Repeat("|a", 500) + "|\n" + strings.Repeat("|-", 500) + "|\n" +
			strings.Repeat("|\n", 3000), strings.Repeat("|a", 500)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Parse([]byte(c.body), WithFormat(FormatMarkdown))
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, defaultExtractor(), a)
			if got := visible(strings.Join(a.Paragraphs, "")); !strings.Contains(got, visible(c.text)) {
				t.Errorf("text lost: %.200q… does not hold %.100q…", got, visible(c.text))
			}
			if !hasGuardWarning(a) {
				t.Errorf("no warning: %v", a.Warnings)
			}
		})
	}
}

// hasGuardWarning reports whether the Markdown guard warned about a.
func hasGuardWarning(a *Article) bool {
	for _, w := range a.Warnings {
		if w.Code == WarnMarkdown && strings.Contains(w.Message, "Markdown") {
			return true
		}
	}
	return false
}

// TestMarkdownGuardLeavesPostsAlone: the guard changes no byte of an
// ordinary post — the fixtures, the Markdown seeds, a long post made of
// one repeated — and of an HTML body, which goldmark does not read.
func TestMarkdownGuardLeavesPostsAlone(t *testing.T) {
	var bodies []string
	for _, s := range markdownSeeds {
		if len(s) < 1000 { // not the hostile ones
			bodies = append(bodies, s)
		}
	}
	for _, p := range postBodies(t, "testdata/posts/*") {
		bodies = append(bodies, string(p.body), strings.Repeat(string(p.body)+"\n", 64))
	}
	for _, b := range bodies {
		if out, warns := guardMarkdown([]byte(b)); string(out) != b || warns != nil {
			t.Errorf("guarded %.80q…: %v", b, warns)
		}
	}
	html := strings.Repeat("<b><i>", 3000) + "deep"
	a, err := Parse([]byte(html))
	if err != nil {
		t.Fatal(err)
	}
	if a.Format != FormatHTML || hasGuardWarning(a) {
		t.Errorf("an HTML body read as %s, warnings %v", a.Format, a.Warnings)
	}
}

// fuzzing reports whether the cost check is on: the test binary is
// fuzzing (-test.fuzz set), not running the seeds as regression tests, and
// POSTEXTRACT_FUZZ_COST is set. It times, and a shared machine's timings
// are no gate for CI: long fuzz runs turn it on
// (POSTEXTRACT_FUZZ_COST=1 go test -fuzz FuzzMarkdown -fuzztime 10m).
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != "" && os.Getenv("POSTEXTRACT_FUZZ_COST") != ""
}

// A fence of four or more backticks is a fence to the guard too: the deep
// markers on its lines are code, kept as written (FuzzMarkdownRoundTrip's
// find 840f039de463530a).
func TestGuardLongBacktickFence(t *testing.T) {
	body := "````\n" + strings.Repeat(">", 21) + "```\nfunc() {}\n````\n"
	out, warnings := guardMarkdown([]byte(body))
	assert.Equal(t, body, string(out))
	assert.Empty(t, warnings)
}
