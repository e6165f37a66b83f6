// Package blob keeps the files the platform stores (catalog icons, and
// later avatars and documents) with gocloud.dev/blob: a directory in the
// data directory by default, an S3-compatible bucket in production. Files
// are content-addressed: a file's key is the SHA-256 of its content under
// the prefix of its kind (catalog-icons/<sha256>.svg), so a key never
// names two contents, and what is served under it can be cached for good.
//
// Rows refer to files by name; the storage-cleanup job removes files no row
// refers to (Cleanup), after a grace period for uploads not yet referred to.
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:///…
	_ "gocloud.dev/blob/memblob"  // mem:// (tests)
	_ "gocloud.dev/blob/s3blob"   // s3://bucket?endpoint=…
	"gocloud.dev/gcerrors"
)

// Store is the platform's file store.
type Store struct {
	bucket *blob.Bucket
	// where names the store in logs without credentials.
	where string
}

// DefaultURL is the store in the directory files below dataDir.
func DefaultURL(dataDir string) (string, error) {
	dir, err := filepath.Abs(filepath.Join(dataDir, "files"))
	if err != nil {
		return "", err
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir), RawQuery: "create_dir=true&no_tmp_dir=true"}
	return u.String(), nil
}

// Open opens the store at rawURL: file:///dir, s3://bucket?endpoint=…
// (S3-compatible, credentials from the AWS environment variables), or
// mem:// (in memory, for tests).
func Open(ctx context.Context, rawURL string) (*Store, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("file store URL: %w", err)
	}
	switch u.Scheme {
	case "file", "s3", "mem":
	default:
		return nil, fmt.Errorf("file store URL: scheme %q is not supported (file, s3 or mem)", u.Scheme)
	}
	b, err := blob.OpenBucket(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("open file store %s: %w", u.Redacted(), err)
	}
	return &Store{bucket: b, where: u.Scheme + "://" + u.Host + u.Path}, nil
}

// NewMemory is an empty store in memory.
func NewMemory() *Store {
	s, err := Open(context.Background(), "mem://")
	if err != nil {
		panic(err)
	}
	return s
}

// String names the store (scheme, bucket or directory) without its
// options.
func (s *Store) String() string { return s.where }

// Close releases the store.
func (s *Store) Close() error { return s.bucket.Close() }

// ErrNotFound is returned for a file that is not stored.
var ErrNotFound = errors.New("file not found")

// Name is the content-addressed name of content with extension ext:
// <sha256 hex>.<ext>.
func Name(content []byte, ext string) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:]) + "." + ext
}

// ValidName reports whether name has the form Name gives, with one of
// exts.
func ValidName(name string, exts ...string) bool {
	hash, ext, ok := strings.Cut(name, ".")
	if !ok || len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return false
	}
	for _, e := range exts {
		if ext == e {
			return true
		}
	}
	return false
}

// Put stores content under prefix/name. It writes even when the file
// exists, so its modification time says when it was last uploaded (the
// cleanup's grace period counts from there).
func (s *Store) Put(ctx context.Context, prefix, name string, content []byte, contentType string) error {
	if err := s.bucket.WriteAll(ctx, prefix+"/"+name, content, &blob.WriterOptions{
		ContentType: contentType, CacheControl: "public, max-age=31536000, immutable",
	}); err != nil {
		return fmt.Errorf("store %s/%s: %w", prefix, name, err)
	}
	return nil
}

// Exists reports whether prefix/name is stored.
func (s *Store) Exists(ctx context.Context, prefix, name string) (bool, error) {
	ok, err := s.bucket.Exists(ctx, prefix+"/"+name)
	if err != nil {
		return false, fmt.Errorf("look up %s/%s: %w", prefix, name, err)
	}
	return ok, nil
}

// Open returns a reader of prefix/name and when it was stored; ErrNotFound
// when it is not.
func (s *Store) Open(ctx context.Context, prefix, name string) (io.ReadCloser, time.Time, error) {
	r, err := s.bucket.NewReader(ctx, prefix+"/"+name, nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, time.Time{}, ErrNotFound
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("read %s/%s: %w", prefix, name, err)
	}
	return r, r.ModTime(), nil
}

// Object is a stored file.
type Object struct {
	// Name is the file's name below its prefix.
	Name    string
	ModTime time.Time
	Size    int64
}

// List calls fn for each file below prefix.
func (s *Store) List(ctx context.Context, prefix string, fn func(Object) error) error {
	it := s.bucket.List(&blob.ListOptions{Prefix: prefix + "/"})
	for {
		o, err := it.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("list %s: %w", prefix, err)
		}
		if o.IsDir {
			continue
		}
		if err := fn(Object{Name: strings.TrimPrefix(o.Key, prefix+"/"), ModTime: o.ModTime, Size: o.Size}); err != nil {
			return err
		}
	}
}

// Delete removes prefix/name; a file already gone is no error.
func (s *Store) Delete(ctx context.Context, prefix, name string) error {
	err := s.bucket.Delete(ctx, prefix+"/"+name)
	if err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("delete %s/%s: %w", prefix, name, err)
	}
	return nil
}
