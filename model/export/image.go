package export

import (
	"context"
	"fmt"
	"io"
)

func init() {
	writers[PNG] = func(ctx context.Context, w io.Writer, d *Doc) error { return writeImage(w, d, PNG) }
	writers[SVG] = func(ctx context.Context, w io.Writer, d *Doc) error { return writeImage(w, d, SVG) }
}

// writeImage writes the Doc's first chart as a PNG or SVG file.
func writeImage(w io.Writer, d *Doc, f Format) error {
	for _, im := range d.Images() {
		data := im.PNG
		if f == SVG {
			data = im.SVG
		}
		if len(data) > 0 {
			_, err := w.Write(data)
			return err
		}
	}
	return fmt.Errorf("%w: this report has no chart; charts come with the frequencies, matrix and cooccurrence reports", ErrNoContent)
}
