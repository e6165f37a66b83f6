package blob

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strings"
)

// Image is an uploaded image whose type was read from its content.
type Image struct {
	// Ext is png, jpg, webp or svg.
	Ext string
	// ContentType is image/png, image/jpeg, image/webp or image/svg+xml.
	ContentType string
}

// The image types CheckImage accepts.
var (
	PNG  = Image{Ext: "png", ContentType: "image/png"}
	WebP = Image{Ext: "webp", ContentType: "image/webp"}
	SVG  = Image{Ext: "svg", ContentType: "image/svg+xml"}
)

// JPEG is served (the issuers' logos, which their own upload checks) but
// not accepted by CheckImage.
var JPEG = Image{Ext: "jpg", ContentType: "image/jpeg"}

// ImageExts are the extensions of the types CheckImage accepts.
var ImageExts = []string{PNG.Ext, WebP.Ext, SVG.Ext}

// served are the types of the images Handler serves.
var served = []Image{PNG, JPEG, WebP, SVG}

// servedExts are the extensions of served.
func servedExts() []string {
	out := make([]string, len(served))
	for i, img := range served {
		out[i] = img.Ext
	}
	return out
}

// ContentTypeOf is the type a stored image is served with, by the
// extension of its name; "" for an extension that is not an image's.
func ContentTypeOf(name string) string {
	for _, i := range served {
		if strings.HasSuffix(name, "."+i.Ext) {
			return i.ContentType
		}
	}
	return ""
}

// CheckImage reads the type of content from its bytes (never from a name
// or a claimed type) and refuses what is not a PNG, WebP or SVG image of at
// most maxBytes, or an SVG that can do more than draw (checkSVG). The
// error says why in a sentence for the person who uploaded it.
func CheckImage(content []byte, maxBytes int) (Image, error) {
	switch {
	case len(content) == 0:
		return Image{}, errors.New("the file is empty")
	case len(content) > maxBytes:
		return Image{}, fmt.Errorf("the file has %d bytes; at most %d KiB are accepted", len(content), maxBytes/1024)
	case bytes.HasPrefix(content, []byte("\x89PNG\r\n\x1a\n")):
		cfg, err := png.DecodeConfig(bytes.NewReader(content))
		if err != nil || cfg.Width == 0 || cfg.Height == 0 {
			return Image{}, errors.New("the file starts like a PNG image but is not a valid one")
		}
		return PNG, nil
	case len(content) >= 16 && string(content[:4]) == "RIFF" && string(content[8:12]) == "WEBP":
		// The RIFF header's size counts the bytes after it; a file cut
		// short or padded is not the image it claims to be.
		if int(binary.LittleEndian.Uint32(content[4:8]))+8 != len(content) {
			return Image{}, errors.New("the file starts like a WebP image but is not a valid one")
		}
		switch string(content[12:16]) {
		case "VP8 ", "VP8L", "VP8X":
			return WebP, nil
		}
		return Image{}, errors.New("the file starts like a WebP image but is not a valid one")
	case looksLikeXML(content):
		if err := checkSVG(content); err != nil {
			return Image{}, err
		}
		return SVG, nil
	}
	return Image{}, errors.New("the file is not a PNG, WebP or SVG image")
}

// looksLikeXML: after an optional byte order mark and white space, the
// content starts with markup.
func looksLikeXML(content []byte) bool {
	content = bytes.TrimPrefix(content, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(bytes.TrimLeft(content, " \t\r\n"), []byte("<"))
}

const svgNamespace = "http://www.w3.org/2000/svg"

// checkSVG refuses SVG that can do more than draw, rather than trying to
// clean it (a sanitiser that misses one trick lets a script through):
// scripts, foreignObject and other embedding elements, event handler
// attributes, references to anything but a fragment of the file itself or
// an embedded raster image, CSS imports, DOCTYPE and entity declarations
// and processing instructions. The root element must be svg in the SVG
// namespace.
func checkSVG(content []byte) error {
	d := xml.NewDecoder(bytes.NewReader(content))
	d.Strict = true
	// Only UTF-8 (and its ASCII subset) is read; another declared encoding
	// is refused.
	d.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "us-ascii") {
			return input, nil
		}
		return nil, fmt.Errorf("encoding %s", charset)
	}
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("the file is not a well-formed SVG image (%v)", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if t.Name.Local != "svg" || t.Name.Space != svgNamespace {
					return errors.New("the file is not an SVG image: its root element is not <svg> in the SVG namespace")
				}
			}
			depth++
			if err := checkSVGElement(t); err != nil {
				return err
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth > 0 {
				if err := checkStyle(string(t)); err != nil {
					return err
				}
			} else if len(bytes.TrimSpace(t)) > 0 {
				return errors.New("the file is not an SVG image: it has text outside the <svg> element")
			}
		case xml.Directive:
			return errors.New("SVG images with a DOCTYPE or entity declarations are refused")
		case xml.ProcInst:
			if t.Target != "xml" {
				return fmt.Errorf("SVG images with a processing instruction (<?%s …?>) are refused", t.Target)
			}
		}
	}
	if roots != 1 {
		return errors.New("the file is not an SVG image")
	}
	return nil
}

// refusedElements can run code, embed documents or play media.
var refusedElements = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true, "object": true,
	"audio": true, "video": true, "handler": true, "listener": true,
}

func checkSVGElement(t xml.StartElement) error {
	// Elements of other namespaces (an editor's metadata) draw nothing;
	// HTML's would be HTML.
	if t.Name.Space == "http://www.w3.org/1999/xhtml" {
		return fmt.Errorf("SVG images with HTML elements (<%s>) are refused", t.Name.Local)
	}
	if refusedElements[strings.ToLower(t.Name.Local)] {
		return fmt.Errorf("SVG images with a <%s> element are refused: an icon only draws", t.Name.Local)
	}
	for _, a := range t.Attr {
		name := strings.ToLower(a.Name.Local)
		switch {
		case a.Name.Space == "xmlns" || (a.Name.Space == "" && name == "xmlns"):
			// Namespace declarations.
		case strings.HasPrefix(name, "on"):
			return fmt.Errorf("SVG images with event handler attributes (%s) are refused", a.Name.Local)
		case name == "href":
			if !localReference(a.Value) {
				return fmt.Errorf("SVG images that refer to other files (%s=%q) are refused: only #fragments and embedded PNG, JPEG, GIF or WebP images", a.Name.Local, short(a.Value))
			}
		case name == "style":
			if err := checkStyle(a.Value); err != nil {
				return err
			}
		default:
			if err := checkURLs(a.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

// localReference: a fragment of the same file, or an embedded raster
// image.
func localReference(v string) bool {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "#") {
		return true
	}
	lower := strings.ToLower(v)
	for _, t := range []string{"png", "jpeg", "jpg", "gif", "webp"} {
		if strings.HasPrefix(lower, "data:image/"+t+";") || strings.HasPrefix(lower, "data:image/"+t+",") {
			return true
		}
	}
	return false
}

// checkStyle refuses CSS that loads something: @import, and url(…) to
// anything but a local reference.
func checkStyle(css string) error {
	if strings.Contains(strings.ToLower(css), "@import") {
		return errors.New("SVG images with a CSS @import are refused")
	}
	return checkURLs(css)
}

// checkURLs refuses url(…) references to anything but a local reference,
// and javascript: anywhere.
func checkURLs(v string) error {
	lower := strings.ToLower(v)
	if strings.Contains(lower, "javascript:") {
		return errors.New("SVG images with javascript: are refused")
	}
	for rest := lower; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return nil
		}
		rest = rest[i+4:]
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			end = len(rest)
		}
		ref := strings.Trim(strings.TrimSpace(rest[:end]), `'"`)
		if !localReference(ref) {
			return fmt.Errorf("SVG images that refer to other files (url(%s)) are refused: only #fragments and embedded PNG, JPEG, GIF or WebP images", short(ref))
		}
		rest = rest[end:]
	}
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
