package postextract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/golden and testdata/corpus.sum from the current output")

// fixtureOptions are the options a fixture is parsed with; the rest use none.
var fixtureOptions = map[string]func() []Option{
	"drop": func() []Option { return []Option{WithDrop(".ad-box")} },
	"naive-date-shanghai": func() []Option {
		return []Option{WithLocation(mustLoad("Asia/Shanghai"))}
	},
	"relative-base": func() []Option { return []Option{WithBaseURL("https://blog.example.com/posts/")} },
	// Read as if the site files said so: fixtures have no site around them.
	"gen-docusaurus": func() []Option { return []Option{WithGenerator("docusaurus")} },
	"gen-mkdocs":     func() []Option { return []Option{WithGenerator("mkdocs")} },
}

// goldenJSON renders what the CLI prints for one post: the article as
// indented JSON, or {"error": message} when it fails.
func goldenJSON(a *Article, err error) []byte {
	var v any = a
	if err != nil {
		v = map[string]string{"error": err.Error()}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func fixtures(t testing.TB) []string {
	paths, err := filepath.Glob("testdata/posts/*")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	return paths
}

func fixtureName(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// TestGolden parses every testdata/posts fixture and compares the JSON with
// testdata/golden/NAME.json; -update rewrites the golden files.
func TestGolden(t *testing.T) {
	for _, path := range fixtures(t) {
		name := fixtureName(path)
		t.Run(name, func(t *testing.T) {
			var opts []Option
			if f := fixtureOptions[name]; f != nil {
				opts = f()
			}
			a, err := ParseFile(path, opts...)
			if err == nil {
				e, nerr := New(opts...)
				require.NoError(t, nerr)
				checkInvariants(t, e, a)
			}
			got := goldenJSON(a, err)
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
				return
			}
			want, rerr := os.ReadFile(golden)
			require.NoError(t, rerr, "no golden file; run go test -run Golden -update and read the diff")
			require.Equal(t, string(want), string(got))
		})
	}
}

// TestGoldenStable parses each fixture twice and expects the same bytes.
func TestGoldenStable(t *testing.T) {
	for _, path := range fixtures(t) {
		a1, err1 := ParseFile(path)
		a2, err2 := ParseFile(path)
		require.Equal(t, string(goldenJSON(a1, err1)), string(goldenJSON(a2, err2)), path)
	}
}
