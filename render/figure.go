package render

import (
	"strings"

	"github.com/postextract/postextract"
)

// figure is the run of blocks blks[start:end] that one <figure> of the
// post held: images that share a caption, at most one caption said by
// caption blocks, and what stood between them (a <p> inside a <figure>, or
// what an unclosed one holds), in their order. Both writers group blocks
// with figureAt, so that a figure reads the same in Markdown and on the
// reader page.
type figure struct {
	start, end int
	caption    string // the images' caption; "" for an image without one
	// parts are the caption blocks (indices into the post's blocks) that
	// join, with "\n", into caption: the figure's last figcaption, which
	// an image inside it may have cut into parts. captioned is false when
	// no caption block says it (a figure cut by other blocks): then only
	// the images carry it.
	parts     []int
	captioned bool
}

// figureAt returns the figure that starts at blks[i], an image or a
// caption block. An image without a caption (or without an Image) is a
// figure of its own.
func figureAt(blks []postextract.Block, i int) figure {
	caption, ok := figureCaption(blks, i)
	if !ok {
		return figure{start: i, end: i + 1}
	}
	f := figure{start: i, end: i, caption: caption}
	joined := ""
	for j := i; j < len(blks); j++ {
		b := &blks[j]
		switch {
		case b.Kind == postextract.KindImage && b.Image != nil && b.Image.Caption == caption:
			if f.captioned && j >= f.end && ownCaption(blks, j, caption) {
				return f // a figure of its own with the same caption
			}
		case b.Kind == postextract.KindCaption && !f.captioned:
			if !f.addPart(j, b.Text, &joined) {
				continue // another figcaption, which the last one overrides
			}
		case b.Kind != postextract.KindImage && b.Kind != postextract.KindCaption,
			b.Kind == postextract.KindImage && !f.captioned && (b.Image == nil || b.Image.Caption == ""):
			// An unclosed <figure> holds what follows, a figure of its
			// own without a caption too.
			continue
		default:
			return f
		}
		f.end = j + 1
	}
	return f
}

// figureCaption returns the caption of the figure that starts at blks[i]:
// an image's, or a caption block's text — the whole of it when the block
// is the first part of a caption that the images after its parts carry.
// ok is false for an image with no caption.
func figureCaption(blks []postextract.Block, i int) (caption string, ok bool) {
	first := &blks[i]
	if first.Kind == postextract.KindImage {
		if first.Image == nil || first.Image.Caption == "" {
			return "", false
		}
		return first.Image.Caption, true
	}
	caption = first.Text
	k := i + 1
	for k < len(blks) && blks[k].Kind == postextract.KindCaption {
		k++
	}
	if k < len(blks) && blks[k].Image != nil && strings.HasPrefix(blks[k].Image.Caption, caption+"\n") {
		caption = blks[k].Image.Caption
	}
	return caption, true
}

// addPart reads the caption block blks[j], saying text, as a part of the
// figure's caption; joined is what the parts so far say. It reports
// whether the block belongs to the figure: a caption block with other text
// is another figcaption, which a later one overrides.
func (f *figure) addPart(j int, text string, joined *string) bool {
	next := text
	if *joined != "" {
		next = *joined + "\n" + text
	}
	switch {
	case next == f.caption:
		f.captioned, f.parts = true, append(f.parts, j)
	case strings.HasPrefix(f.caption, next+"\n"):
		*joined, f.parts = next, append(f.parts, j)
	case text == f.caption:
		f.captioned, *joined, f.parts = true, text, []int{j}
	case strings.HasPrefix(f.caption, text+"\n"):
		*joined, f.parts = text, []int{j}
	default:
		*joined, f.parts = "", nil
		return false
	}
	return true
}

// ownCaption reports whether the images from blks[j] on are followed by a
// caption block with their caption: they are a figure of their own.
func ownCaption(blks []postextract.Block, j int, caption string) bool {
	for j < len(blks) && blks[j].Kind == postextract.KindImage && blks[j].Image != nil && blks[j].Image.Caption == caption {
		j++
	}
	return j < len(blks) && blks[j].Kind == postextract.KindCaption && blks[j].Text == caption
}
