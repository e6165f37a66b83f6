package api

import (
	"net/http"
	"runtime"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
)

// ReadsPerCPU is how many reads run at once per CPU unless told otherwise:
// enough to keep the CPUs and the database busy, few enough that a write
// or a sign-in arriving in a flood of reads finds the CPUs' run queue
// short.
const ReadsPerCPU = 8

// limitReads lets at most n calls of procedures without side effects run
// at once, from before their credential is resolved; the others wait,
// costing nothing, until one ends or their caller gives up. Writes and
// sign-ins are never queued behind reads: a flood of reads — a dashboard
// left open on many screens, a script paging through everything — cannot
// starve them. n ≤ 0 means ReadsPerCPU per CPU.
func limitReads(n int, reads map[string]bool, next http.Handler) http.Handler {
	if n <= 0 {
		n = ReadsPerCPU * runtime.GOMAXPROCS(0)
	}
	slots := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !reads[r.URL.Path] {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case slots <- struct{}{}:
		case <-r.Context().Done():
			return // the caller left while waiting
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}

// readProcedures returns the paths of the procedures of services that
// declare no side effects (idempotency_level NO_SIDE_EFFECTS).
func readProcedures(services []string) map[string]bool {
	reads := map[string]bool{}
	for _, name := range services {
		d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(name))
		if err != nil {
			continue
		}
		sd, ok := d.(protoreflect.ServiceDescriptor)
		if !ok {
			continue
		}
		for i := range sd.Methods().Len() {
			m := sd.Methods().Get(i)
			if o, ok := m.Options().(*descriptorpb.MethodOptions); ok && o.GetIdempotencyLevel() == descriptorpb.MethodOptions_NO_SIDE_EFFECTS {
				reads["/"+name+"/"+string(m.Name())] = true
			}
		}
	}
	return reads
}
