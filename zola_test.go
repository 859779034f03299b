package postextract

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestZolaForm reads Zola calls and leaves anything that is none as it
// was: a broken call is text, never a panic or a lost argument.
func TestZolaForm(t *testing.T) {
	for _, c := range []struct {
		src, name string
		args      []shortcodeArg
		call      bool
	}{
		{`{{ figure(src="a.png" alt="no comma") }}`, "figure",
			[]shortcodeArg{{key: "src", val: "a.png", quote: '"'}, {key: "alt", val: "no comma", quote: '"'}}, true},
		{`{% quote(author='A, B', n=3) %}`, "quote",
			[]shortcodeArg{{key: "author", val: "A, B", quote: '\''}, {key: "n", val: "3"}}, true},
		{`{{ f() }}`, "f", nil, true},
		{`{{ f(a="x\"y") }}`, "f", []shortcodeArg{{key: "a", val: `x"y`, quote: '"'}}, true},
		{`{{ f(a="unclosed) }}`, "", nil, false},
		{`{{ f( }}`, "", nil, false},
		{`{{ (x) }}`, "", nil, false},
		{`{{ a.b(x) }}`, "", nil, false},
		{`{{ site.url }}`, "", nil, false},
		{`{{ f(a=) }}`, "", nil, false},
	} {
		tag, ok := scanShortcode(c.src, 0)
		if !assert.True(t, ok, c.src) {
			continue
		}
		z := zolaForm(tag)
		assert.Equal(t, c.call, z.kind == synZola, c.src)
		if c.call {
			assert.Equal(t, c.name, z.name, c.src)
			assert.Equal(t, c.args, z.args, c.src)
			assert.Equal(t, tag.src[:2] == "{{", z.selfClose, c.src)
		}
	}
	end, _ := scanShortcode("{% end %}", 0)
	assert.True(t, zolaForm(end).close)
}
