package blob

import (
	"context"
	"fmt"
	"time"
)

// Owner declares a kind of stored file and the rows that refer to files of
// that kind.
type Owner struct {
	// Prefix is the kind's folder in the store, e.g. catalog-icons.
	Prefix string
	// Referenced lists the names of the files that rows refer to; read
	// with every row, whoever may see it.
	Referenced func(ctx context.Context) ([]string, error)
	// Public files are served to anyone at /files/<prefix>/<name> (their
	// names are hashes of their content, cached for good).
	Public bool
}

// CleanupResult is what a cleanup did.
type CleanupResult struct {
	// Files were looked at, Removed of them deleted (Bytes in all), Recent
	// kept although nothing refers to them yet (uploaded within the grace
	// period).
	Files, Removed, Recent int
	Bytes                  int64
}

func (r CleanupResult) String() string {
	return fmt.Sprintf("removed %d of %d stored files (%d bytes) that nothing refers to; kept %d recent uploads",
		r.Removed, r.Files, r.Bytes, r.Recent)
}

// Cleanup deletes the files of owners that no row refers to and that were
// stored before now minus grace: an upload that a row will refer to in a
// moment is left alone. Running it twice deletes nothing the second time.
func (s *Store) Cleanup(ctx context.Context, owners []Owner, now time.Time, grace time.Duration) (CleanupResult, error) {
	var res CleanupResult
	for _, o := range owners {
		// Files are listed before the references are read: a file stored
		// and referred to in between is kept by its age.
		var files []Object
		if err := s.List(ctx, o.Prefix, func(f Object) error { files = append(files, f); return nil }); err != nil {
			return res, err
		}
		names, err := o.Referenced(ctx)
		if err != nil {
			return res, fmt.Errorf("files of %s in use: %w", o.Prefix, err)
		}
		used := make(map[string]bool, len(names))
		for _, n := range names {
			used[n] = true
		}
		for _, f := range files {
			res.Files++
			switch {
			case used[f.Name]:
			case now.Sub(f.ModTime) < grace:
				res.Recent++
			default:
				if err := ctx.Err(); err != nil {
					return res, err
				}
				if err := s.Delete(ctx, o.Prefix, f.Name); err != nil {
					return res, err
				}
				res.Removed++
				res.Bytes += f.Size
			}
		}
	}
	return res, nil
}
