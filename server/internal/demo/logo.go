package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// Logo is the demo issuer's logo, made here rather than read from a file:
// a blue square with rounded corners and a white L drawn from two bars,
// 120 × 120 pixels. The same bytes every time, so its stored name is too.
func Logo() []byte { return logoIn(color.NRGBA{R: 0x1c, G: 0x5f, B: 0xa8, A: 0xff}) }

// logoIn is the logo on a ground of another colour: the resellers'.
func logoIn(blue color.NRGBA) []byte {
	const size, radius = 120, 18
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	white := color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	for y := range size {
		for x := range size {
			// Outside a corner's quarter circle stays transparent.
			cx, cy := min(max(x, radius), size-1-radius), min(max(y, radius), size-1-radius)
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= radius*radius {
				img.SetNRGBA(x, y, blue)
			}
		}
	}
	// The L: a stem and a foot.
	draw.Draw(img, image.Rect(36, 24, 56, 96), image.NewUniform(white), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(36, 78, 88, 96), image.NewUniform(white), image.Point{}, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding to memory fails only on a broken image
	}
	return b.Bytes()
}
