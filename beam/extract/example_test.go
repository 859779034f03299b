package extract_test

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/postextract/postextract/beam/extract"
)

// A pipeline that reads the posts under a bucket's folder and writes the
// articles and the paths of the posts that failed.
func Example() {
	p, s := beam.NewPipelineWithRoot()
	patterns := beam.Create(s, "gs://my-bucket/site/content/**/*.md")
	articles, failures := extract.Extract(s, extract.Options{TZ: "Asia/Shanghai"}, patterns)
	textio.Write(s, "gs://my-bucket/articles.jsonl", articles)
	textio.Write(s, "gs://my-bucket/failed.txt", beam.ParDo(s, func(f extract.Failure) string { return f.Path }, failures))
	_ = p // run with beamx.Run(ctx, p)
}
