package postextract

import (
	"bytes"
	"encoding/json"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// DecodeMeta decodes the post's front matter into v, as
// github.com/adrg/frontmatter users do, with the front matter's own
// decoder: YAML (go.yaml.in/yaml/v3, `yaml` struct tags), TOML
// (github.com/BurntSushi/toml, `toml` tags) or JSON (encoding/json, `json`
// tags). A post without front matter leaves v as it is and returns nil; a
// value that does not fit v is the decoder's error.
func (a *Article) DecodeMeta(v any) error {
	raw := a.fmRaw
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	switch a.fmFormat {
	case "yaml":
		return yaml.Unmarshal(expandTabs(raw), v)
	case "toml":
		_, err := toml.NewDecoder(bytes.NewReader(raw)).Decode(v)
		return err
	case "json":
		if t := bytes.TrimSpace(raw); t[0] != '{' {
			raw = append(append([]byte("{"), raw...), '}') // Hexo's members without braces
		}
		return json.Unmarshal(raw, v)
	}
	return nil
}
