package secrets_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/leitstand/leitstand/server/internal/platform/secrets"
)

func TestGeneratedKeyPersistsAndOpensWhatItSealed(t *testing.T) {
	dir := t.TempDir()
	box, generated, err := secrets.Load("", dir)
	if err != nil || !generated {
		t.Fatalf("first load: generated=%v err=%v", generated, err)
	}
	fi, err := os.Stat(filepath.Join(dir, secrets.KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	sealed := box.Seal([]byte("root@pam!leitstand=s3cret"), []byte("conn-1"))

	again, generated, err := secrets.Load("", dir)
	if err != nil || generated {
		t.Fatalf("second load: generated=%v err=%v", generated, err)
	}
	plain, err := again.Open(sealed, []byte("conn-1"))
	if err != nil || string(plain) != "root@pam!leitstand=s3cret" {
		t.Fatalf("open after restart: %q %v", plain, err)
	}
}

func TestSealedValueIsBoundToItsRowAndKey(t *testing.T) {
	box, _, _ := secrets.Load("", t.TempDir())
	other, _, _ := secrets.Load("", t.TempDir())
	sealed := box.Seal([]byte("token"), []byte("conn-1"))
	if _, err := box.Open(sealed, []byte("conn-2")); !errors.Is(err, secrets.ErrOpen) {
		t.Errorf("moved to another row: %v", err)
	}
	if _, err := other.Open(sealed, []byte("conn-1")); !errors.Is(err, secrets.ErrOpen) {
		t.Errorf("another key: %v", err)
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := box.Open(sealed, []byte("conn-1")); !errors.Is(err, secrets.ErrOpen) {
		t.Errorf("altered: %v", err)
	}
	if string(box.Seal([]byte("token"), nil)) == string(box.Seal([]byte("token"), nil)) {
		t.Error("two seals of one value are equal: the nonce is not fresh")
	}
}

func TestConfiguredKey(t *testing.T) {
	if _, _, err := secrets.Load("not base64!", t.TempDir()); err == nil {
		t.Error("a key that is not base64 was accepted")
	}
	if _, _, err := secrets.Load("c2hvcnQ=", t.TempDir()); err == nil {
		t.Error("a short key was accepted")
	}
	key := "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	a, _, err := secrets.Load(key, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := secrets.Load(key, t.TempDir())
	if p, err := b.Open(a.Seal([]byte("x"), []byte("r")), []byte("r")); err != nil || string(p) != "x" {
		t.Fatalf("same configured key on two replicas: %q %v", p, err)
	}
}
