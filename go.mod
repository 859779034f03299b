module github.com/postextract/postextract

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/andybalholm/cascadia v1.3.5
	github.com/rogpeppe/go-internal v1.16.0
	github.com/stretchr/testify v1.9.0
	github.com/yuin/goldmark v1.8.7
	github.com/yuin/goldmark-emoji v1.0.6
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/net v0.62.0
	golang.org/x/term v0.48.0
	golang.org/x/text v0.43.0
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/tools v0.51.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
