// Command protodeps writes the .proto sources of the imports our contract needs
// but that no registry reachable from a build machine serves: buf/validate/validate.proto.
//
// The file is printed back from the descriptor compiled into the protovalidate Go
// module, so it is exactly the version go.mod pins. The output directory is a buf
// module of its own (gen/protodeps), ignored by git and by lint and breaking checks.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"github.com/jhump/protoreflect/desc"
	"github.com/jhump/protoreflect/desc/protoprint"
	"google.golang.org/protobuf/reflect/protoreflect"
)

func main() {
	out := flag.String("out", "gen/protodeps", "directory to write the .proto files into")
	flag.Parse()
	if err := write(*out, validate.File_buf_validate_validate_proto); err != nil {
		fmt.Fprintln(os.Stderr, "protodeps:", err)
		os.Exit(1)
	}
}

func write(out string, file protoreflect.FileDescriptor) error {
	fd, err := desc.WrapFile(file)
	if err != nil {
		return fmt.Errorf("wrap %s: %w", file.Path(), err)
	}
	path := filepath.Join(out, file.Path())
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	printer := protoprint.Printer{Compact: false, SortElements: false}
	if err := printer.PrintProtoFile(fd, f); err != nil {
		f.Close()
		return fmt.Errorf("print %s: %w", file.Path(), err)
	}
	return f.Close()
}
