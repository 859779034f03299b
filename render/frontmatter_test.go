package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/postextract/postextract"
)

// YAML meta is written as it was written where its text reads back to the
// same value: version: 1.10 stays 1.10 (Meta holds 1.1), 1.0 stays a
// float, 0x1F stays 0x1F; in lists and maps too. The round trip holds.
func TestMarkdownMetaNumbersAsWritten(t *testing.T) {
	src := "---\ntitle: t\nversion: 1.10\nwhole: 1.0\nhex: 0x1F\nsci: 1e3\nplain: 2.5\nquoted: \"1.10\"\n" +
		"list: [1.10, 2]\nnested:\n  pi: 3.140\n---\nbody\n"
	a, err := postextract.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Markdown(&buf, a); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"\nversion: 1.10\n", "\nwhole: 1.0\n", "\nhex: 0x1F\n", "\nsci: 1e3\n",
		"\nplain: 2.5\n", "\nquoted: \"1.10\"\n", "\n  - 1.10\n  - 2\n", "\n  pi: 3.140\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("want %q in:\n%s", want, md)
		}
	}
	checkRoundTrip(t, a)
	// JSON and TOML keep their own: JSON numbers as written, TOML as decoded.
	for _, src := range []string{"{\"title\": \"t\", \"version\": 1.10}\nbody\n", "+++\ntitle = \"t\"\nversion = 1.10\n+++\nbody\n"} {
		a, err := postextract.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		checkRoundTrip(t, a)
	}
}

// The generator whose conventions were read is written into the front
// matter, and the admonition it read comes back as quotes.
func TestMarkdownWritesGenerator(t *testing.T) {
	src := "+++\ntitle = \"t\"\n[taxonomies]\ntags = [\"a\"]\n+++\n{{< admonition tip \"Mind\" >}}\nBody text.\n{{< /admonition >}}\n"
	a, err := postextract.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if a.Generator != "zola" {
		t.Fatalf("generator %q, want zola", a.Generator)
	}
	var buf bytes.Buffer
	if err := Markdown(&buf, a); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"\ngenerator: zola\n", "\n> Mind\n", "\n> Body text.\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("want %q in:\n%s", want, md)
		}
	}
	checkRoundTrip(t, a)
}
