package invoicepdf

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

func TestParseDict(t *testing.T) {
	t.Parallel()
	d, err := parseDict([]byte(`<< /A (x\)y (z) \\) /B [1 0 R 2 /N<ab>] /C <</D 3 0 R>>
% a comment
/E 5 /F <ab> /G /Name/H 7 0 R>>`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`A=(x\)y (z) \\)`, `B=[1 0 R 2 /N<ab>]`, `C=<</D 3 0 R>>`, `E=5`, `F=<ab>`, `G=/Name`, `H=7 0 R`}
	var got []string
	for _, e := range d {
		got = append(got, e.key+"="+string(e.value))
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if n, err := pdfRef(d.get("H")); n != 7 || err != nil {
		t.Errorf("pdfRef = %d, %v", n, err)
	}
	for _, bad := range []string{`<< /A (open >>`, `<< /A [1 2 >>`, `<< A 1 >>`, `/A 1`} {
		if _, err := parseDict([]byte(bad)); err == nil {
			t.Errorf("parseDict(%q) accepted", bad)
		}
	}
}

// TestUpdateReplacesAnObject appends an update to Render's PDF that
// changes the title, and has pdfinfo read the result.
func TestUpdateReplacesAnObject(t *testing.T) {
	t.Parallel()
	base, err := Render(invoice())
	if err != nil {
		t.Fatal(err)
	}
	f, err := readPDF(base)
	if err != nil {
		t.Fatal(err)
	}
	info, err := pdfRef(f.trailer.get("Info"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := newPDFUpdate(f)
	if err != nil {
		t.Fatal(err)
	}
	u.object(info, pdfDict{{"Title", pdfString("Geänderter Titel")}}, nil)
	extra := u.alloc()
	u.object(extra, pdfDict{{"Type", []byte("/Test")}}, []byte("data"))
	pdf := u.finish(pdfDict{{"Root", f.trailer.get("Root")}, {"Info", f.trailer.get("Info")}})
	if !bytes.HasPrefix(pdf, base) {
		t.Fatal("the update changed the bytes before it")
	}

	g, err := readPDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if d, err := g.object(info); err != nil || !bytes.Equal(d.get("Title"), pdfString("Geänderter Titel")) {
		t.Errorf("the new Info: %s, %v", d.bytes(), err)
	}
	if d, err := g.object(extra); err != nil || string(d.get("Length")) != "4" {
		t.Errorf("the new object: %s, %v", d.bytes(), err)
	}
	if g.offsets[1] != f.offsets[1] {
		t.Error("an object the update left alone moved")
	}
	cmd := exec.Command(poppler(t, "pdfinfo"), "-enc", "UTF-8", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Title:           Geänderter Titel\n") {
		t.Errorf("pdfinfo: %v\n%s", err, out)
	}
}
