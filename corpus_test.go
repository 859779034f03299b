package postextract

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// corpusDir holds real posts beside the repository (not in it: their text
// is not ours to copy). Only their fingerprints are kept, in corpusSum.
const (
	corpusDir = "../shared/corpus/dev"
	corpusSum = "testdata/corpus.sum"
)

// TestCorpus parses every post of the dev corpus, asserts the invariants,
// and compares a SHA-256 of each post's JSON with testdata/corpus.sum, so
// that any change of output on real posts is seen; -update records it.
func TestCorpus(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.md"))
	if len(paths) == 0 {
		t.Skipf("no corpus at %s: it lives beside the repository, in ../shared, and is not part of a clone", corpusDir)
	}
	e, err := New()
	require.NoError(t, err)
	got := map[string]string{}
	for _, path := range paths {
		a, err := e.ParseFile(path)
		require.NoError(t, err, path)
		checkInvariants(t, e, a)
		sum := sha256.Sum256(goldenJSON(a, nil))
		got[filepath.Base(path)] = hex.EncodeToString(sum[:])
	}
	if *update {
		names := make([]string, 0, len(got))
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, "%s  %s\n", got[n], n)
		}
		require.NoError(t, os.WriteFile(corpusSum, []byte(b.String()), 0o644))
		return
	}
	want := readSums(t)
	for name, sum := range got {
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: not in %s; run go test -run Corpus -update and read the output", name, corpusSum)
			continue
		}
		if w != sum {
			t.Errorf("%s: output changed; check it with go run ./cmd/postextract %s, then record it with -update", name, filepath.Join(corpusDir, name))
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: in %s but not in the corpus", name, corpusSum)
		}
	}
}

func readSums(t *testing.T) map[string]string {
	f, err := os.Open(corpusSum)
	require.NoError(t, err)
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if ok {
			sums[name] = sum
		}
	}
	require.NoError(t, sc.Err())
	return sums
}
