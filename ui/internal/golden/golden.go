// Package golden compares what a test drew with a golden image kept in
// the package's testdata folder, and writes the image anew when the test
// runs with -update. The transcript view's tests and the window's use it.
package golden

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// Update is the -update flag: write the golden images instead of comparing.
var Update = flag.Bool("update", false, "write the golden images to testdata")

// Golden images are compared with a tolerance: text is antialiased, and a
// font rasteriser on another machine may shade a glyph's edge a little
// differently. A missing highlight, stripe or selection changes hundreds of
// pixels by far more.
const (
	pixelTolerance = 24    // per channel, of 255
	changedShare   = 0.002 // share of the pixels that may differ by more
)

// Assert compares img with testdata/name; with -update it writes it
// there instead. A mismatch is written to testdata/failed/name.
func Assert(t testing.TB, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *Update {
		if err := writePNG(path, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := readPNG(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to make it)", err)
	}
	if msg := imageDiff(want, img); msg != "" {
		failed := filepath.Join("testdata", "failed", name)
		if err := writePNG(failed, img); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s: %s; the image drawn is in %s", name, msg, failed)
	}
}

// imageDiff describes how got differs from want beyond the tolerance, ""
// when it does not.
func imageDiff(want, got image.Image) string {
	if want.Bounds().Size() != got.Bounds().Size() {
		return fmt.Sprintf("size %v, want %v", got.Bounds().Size(), want.Bounds().Size())
	}
	b := want.Bounds()
	changed := 0
	var first image.Point
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := got.At(x-b.Min.X+got.Bounds().Min.X, y-b.Min.Y+got.Bounds().Min.Y)
			if ChannelDiff(want.At(x, y), g) > pixelTolerance {
				if changed == 0 {
					first = image.Pt(x, y)
				}
				changed++
			}
		}
	}
	if float64(changed) > changedShare*float64(b.Dx()*b.Dy()) {
		return fmt.Sprintf("%d pixels differ (the first at %v)", changed, first)
	}
	return ""
}

// ChannelDiff is the largest difference between two colours in one channel,
// of 255.
func ChannelDiff(a, b color.Color) int {
	ca, cb := color.NRGBAModel.Convert(a).(color.NRGBA), color.NRGBAModel.Convert(b).(color.NRGBA)
	d := 0
	for _, p := range [][2]uint8{{ca.R, cb.R}, {ca.G, cb.G}, {ca.B, cb.B}, {ca.A, cb.A}} {
		d = max(d, abs8(p[0], p[1]))
	}
	return d
}

func abs8(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
