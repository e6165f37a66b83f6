// Command ceiling is the yardstick of the benchmark: the least a Connect
// server can do to answer OrganizationService.GetOrganization from the
// database. It serves HTTP/2 cleartext (h2c) like leitstand serve, and its
// GetOrganization parses the org_… id and runs one primary-key SELECT through
// database/sql — lib/pq on Postgres, modernc.org/sqlite on SQLite — and
// returns the organization's id and name. No authentication, no
// authorization, no validation, no interceptors, no ORM: whatever Leitstand
// does beyond this is the price of those. Responses smaller than
// -compress-min-bytes are sent uncompressed: Connect otherwise gzips every
// response for a client that accepts gzip (as the generated Go client and
// browsers do), which for a response of a few dozen bytes costs more CPU than
// the SELECT, and a ceiling should not pay for what it does not need.
//
//	ceiling -listen 127.0.0.1:0 -database-url postgres://…
//	ceiling -listen 127.0.0.1:0 -data-dir /path/to/data   (the SQLite file leitstand.db in it)
//
// It prints "ceiling listening on http://ADDR" once it accepts requests, and
// stops on SIGINT/SIGTERM or after -lifetime.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"connectrpc.com/connect"
	"github.com/google/uuid"
	_ "github.com/lib/pq"  // registers "postgres"
	"go.jetify.com/typeid" // the TypeIDs (org_…) the API shows
	_ "modernc.org/sqlite" // registers "sqlite"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
)

// sqlitePragmas are the connection settings leitstand uses for its SQLite
// file (server/internal/platform/db.SQLiteDSN), so that both read the same
// database the same way.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_txlock=immediate"

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to serve on")
	databaseURL := flag.String("database-url", "", "postgres://… ; empty for the SQLite file in -data-dir")
	dataDir := flag.String("data-dir", "data", "leitstand's data directory, holding leitstand.db")
	maxConns := flag.Int("max-conns", 0, "connection pool size (default as leitstand: 32 for Postgres, 8 for SQLite)")
	compressMin := flag.Int("compress-min-bytes", 1024, "send smaller responses uncompressed (0: compress all, Connect's default)")
	lifetime := flag.Duration("lifetime", 15*time.Minute, "stop after this long even if nobody says so")
	flag.Parse()
	if err := run(*listen, *databaseURL, *dataDir, *maxConns, *compressMin, *lifetime); err != nil {
		fmt.Fprintln(os.Stderr, "ceiling:", err)
		os.Exit(1)
	}
}

func run(listen, databaseURL, dataDir string, maxConns, compressMin int, lifetime time.Duration) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, lifetime)
	defer cancel()

	driver, dsn, query := "postgres", databaseURL, "SELECT name FROM organizations WHERE id = $1"
	if databaseURL == "" {
		path := filepath.Join(dataDir, "leitstand.db")
		if _, err := os.Stat(path); err != nil {
			return err
		}
		driver = "sqlite"
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqlitePragmas
		query = "SELECT name FROM organizations WHERE id = ?"
	} else if !strings.HasPrefix(databaseURL, "postgres://") && !strings.HasPrefix(databaseURL, "postgresql://") {
		return errors.New("-database-url must start with postgres:// or postgresql://")
	}
	if maxConns == 0 {
		maxConns = 32
		if driver == "sqlite" {
			maxConns = 8
		}
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	if err := db.PingContext(ctx); err != nil {
		return err
	}

	mux := http.NewServeMux()
	mux.Handle(adminv1connect.NewOrganizationServiceHandler(&handler{db: db, query: query},
		connect.WithCompressMinBytes(compressMin)))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	srv.Protocols = new(http.Protocols)
	srv.Protocols.SetHTTP1(true)
	srv.Protocols.SetUnencryptedHTTP2(true)
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	fmt.Printf("ceiling listening on http://%s (%s, pool %d)\n", ln.Addr(), driver, maxConns)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancelShutdown := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelShutdown()
	return srv.Shutdown(shutdownCtx)
}

// handler answers GetOrganization; every other procedure is unimplemented.
type handler struct {
	adminv1connect.UnimplementedOrganizationServiceHandler
	db    *sql.DB
	query string
}

func (h *handler) GetOrganization(ctx context.Context, req *connect.Request[adminv1.GetOrganizationRequest]) (*connect.Response[adminv1.GetOrganizationResponse], error) {
	tid, err := typeid.FromString(req.Msg.GetId())
	if err != nil {
		return nil, connect.NewError(connect.CodeInvalidArgument, err)
	}
	id, err := uuid.FromBytes(tid.UUIDBytes())
	if err != nil {
		return nil, connect.NewError(connect.CodeInvalidArgument, err)
	}
	var name string
	switch err := h.db.QueryRowContext(ctx, h.query, id).Scan(&name); {
	case errors.Is(err, sql.ErrNoRows):
		return nil, connect.NewError(connect.CodeNotFound, errors.New("organization not found"))
	case err != nil:
		return nil, connect.NewError(connect.CodeInternal, err)
	}
	return connect.NewResponse(&adminv1.GetOrganizationResponse{
		Organization: &adminv1.Organization{Id: req.Msg.GetId(), Name: name},
	}), nil
}
