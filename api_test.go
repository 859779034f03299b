package postextract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeMeta(t *testing.T) {
	type meta struct {
		Slug  string `yaml:"slug" toml:"slug" json:"slug"`
		Draft bool   `yaml:"draft" toml:"draft" json:"draft"`
	}
	for name, src := range map[string]string{
		"yaml":           "---\nslug: s\ndraft: true\n---\nx",
		"yaml with tabs": "---\nslug: s\ndraft: true\nextra:\n\t- a\n---\nx",
		"fence-less":     "slug: s\ndraft: true\n---\nx",
		"toml":           "+++\nslug = \"s\"\ndraft = true\n+++\nx",
		"hugo json":      "{\"slug\": \"s\", \"draft\": true}\nx",
		"hexo json":      "\"slug\": \"s\",\n\"draft\": true\n;;;\nx",
	} {
		a, err := Parse([]byte(src))
		require.NoError(t, err, name)
		var m meta
		require.NoError(t, a.DecodeMeta(&m), name)
		assert.Equal(t, meta{"s", true}, m, name)
	}
	a, err := Parse([]byte("<p>no front matter</p>"))
	require.NoError(t, err)
	m := meta{Slug: "kept"}
	require.NoError(t, a.DecodeMeta(&m))
	assert.Equal(t, "kept", m.Slug)

	a, err = Parse([]byte("---\ndraft: [1, 2]\n---\nx"))
	require.NoError(t, err)
	assert.Error(t, a.DecodeMeta(&m), "a value that does not fit is the decoder's error")
}
