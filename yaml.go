package postextract

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decodeYAML reads a YAML mapping: by the fast path (yamlfast.go) when it
// is certain, else with yaml.v3. Leading tabs count as two spaces each, as
// Hexo reads them.
func decodeYAML(raw []byte, rep *report) (frontMatter, error) {
	if meta, texts, ok := fastYAML(raw); ok {
		// DecodeMeta reads raw again with yaml.v3: give it the escapes
		// of surrogate pairs as yaml.v3 reads them.
		fixed, _ := rewriteSurrogates(raw)
		return frontMatter{meta: meta, texts: texts, raw: fixed}, nil
	}
	return decodeYAMLNode(raw, rep)
}

// decodeYAMLNode reads a YAML mapping with yaml.v3, through its node tree.
func decodeYAMLNode(raw []byte, rep *report) (frontMatter, error) {
	var doc yaml.Node
	raw = expandTabs(raw)
	err := yaml.Unmarshal(raw, &doc)
	var fixed []byte
	if err != nil && strings.Contains(err.Error(), "invalid Unicode character escape") {
		// A surrogate pair written as escapes, as JSON serializers write
		// emoji, or a lone one: what JSON and js-yaml read (yamlescape.go).
		if f, lone := rewriteSurrogates(raw); f != nil {
			fixed, doc = f, yaml.Node{}
			if err = yaml.Unmarshal(fixed, &doc); err == nil {
				warnLone(rep, lone)
			}
		}
	}
	if err != nil {
		return frontMatter{}, noMapping{err}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return frontMatter{meta: map[string]any{}}, nil
	}
	root := doc.Content[0]
	conv := yamlConv{budget: maxYAMLValues, rep: rep}
	v, err := conv.value(root, 0)
	if err != nil {
		return frontMatter{}, err
	}
	switch m := v.(type) {
	case nil:
		return frontMatter{meta: map[string]any{}}, nil
	case map[string]any:
		return frontMatter{meta: m, yaml: root, raw: fixed}, nil
	}
	return frontMatter{}, noMapping{fmt.Errorf("line %d: not a mapping but a %s", root.Line, kindName(root))}
}

// expandTabs replaces the tabs that start a line by two spaces each.
func expandTabs(raw []byte) []byte {
	if (len(raw) == 0 || raw[0] != '\t') && !bytes.Contains(raw, []byte("\n\t")) {
		return raw
	}
	out := make([]byte, 0, len(raw)+64)
	start := true
	for _, c := range raw {
		switch {
		case c == '\t' && start:
			out = append(out, ' ', ' ')
			continue
		case c == '\n':
			start = true
		default:
			start = false
		}
		out = append(out, c)
	}
	return out
}

// maxYAMLValues bounds the values one front matter may expand to, aliases
// included, so that an alias bomb ("billion laughs") fails fast.
const maxYAMLValues = 10_000

// yamlConv converts a YAML node tree to Go values. Unlike yaml.Unmarshal
// into any, it keeps timestamps as written, so that a date without a zone is
// read in the Extractor's location rather than in UTC. With text set, every
// scalar but null is its written text.
type yamlConv struct {
	budget int
	rep    *report // duplicate keys; nil when converting again for text
	text   bool
}

func (c *yamlConv) value(n *yaml.Node, depth int) (any, error) {
	c.budget--
	if c.budget < 0 {
		return nil, fmt.Errorf("line %d: more than %d values (alias bomb?)", n.Line, maxYAMLValues)
	}
	if depth > 100 {
		return nil, fmt.Errorf("line %d: nested too deep", n.Line)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, x := range n.Content {
			v, err := c.value(x, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		return c.mapping(n, depth)
	case yaml.ScalarNode:
		if c.text {
			if n.ShortTag() == "!!null" {
				return nil, nil
			}
			return n.Value, nil
		}
		return yamlScalar(n)
	}
	return nil, nil
}

func (c *yamlConv) mapping(n *yaml.Node, depth int) (any, error) {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		kv, err := c.value(k, depth+1)
		if err != nil {
			return nil, err
		}
		vv, err := c.value(v, depth+1)
		if err != nil {
			return nil, err
		}
		key := textOf(kv)
		if _, dup := out[key]; dup && c.rep != nil {
			c.rep.warnf(WarnFrontMatter, key, "front matter: key %q appears more than once; the last is used", key)
		}
		out[key] = vv
	}
	// Merged keys ("<<: *base") never override the mapping's own.
	for _, m := range merges {
		mv, err := c.value(m, depth+1)
		if err != nil {
			return nil, err
		}
		maps, _ := mv.([]any)
		if len(maps) == 0 {
			maps = []any{mv}
		}
		for _, x := range maps {
			if mm, ok := x.(map[string]any); ok {
				for k, v := range mm {
					if _, ok := out[k]; !ok {
						out[k] = v
					}
				}
			}
		}
	}
	return out, nil
}

// yamlScalar resolves a scalar the way yaml.v3 does, without a decoder for
// each value in the common cases; timestamps stay text (see yamlConv).
func yamlScalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		return n.Value, nil
	case "!!null":
		return nil, nil
	case "!!bool":
		switch n.Value {
		case "true", "True", "TRUE":
			return true, nil
		case "false", "False", "FALSE":
			return false, nil
		}
	case "!!int":
		if i, err := strconv.Atoi(n.Value); err == nil {
			return i, nil
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f, nil
		}
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "scalar"
	}
	return "value"
}
