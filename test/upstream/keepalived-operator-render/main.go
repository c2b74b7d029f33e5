// Renders redhat-cop/keepalived-operator's config/templates/keepalived-template.yaml with one
// KeepalivedGroup, its Services and keepalived pods, and prints the keepalived.conf of the
// ConfigMap it creates (data."keepalived.conf", read as YAML reads a literal block).
// The helper functions have the operator's names and behaviour (controllers/
// keepalivedgroup_controller.go initializeTemplate); mergeStringSlices there returns a hash set's
// list, in no defined order, so the cases give services at most one address.
//
//	go run . keepalived-template.yaml CASE.json > keepalived.conf
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"text/template"
)

type ObjectMeta struct {
	Name        string
	Namespace   string
	Annotations map[string]string
}
type GroupSpec struct {
	Interface       string
	InterfaceFromIP string
	VerbatimConfig  map[string]string
	UnicastEnabled  bool
	Image           string
	NodeSelector    map[string]string
	DaemonsetPodPriorityClassName string
	DaemonsetPodAnnotations map[string]string
}
type GroupStatus struct{ RouterIDs map[string]int }
type KeepalivedGroup struct {
	ObjectMeta ObjectMeta
	Spec       GroupSpec
	Status     GroupStatus
}
type LBIngress struct{ IP string }
type ServiceSpec struct {
	ExternalTrafficPolicy string
	HealthCheckNodePort   int
	ExternalIPs           []string
}
type ServiceStatus struct {
	LoadBalancer struct{ Ingress []LBIngress }
}
type Service struct {
	ObjectMeta ObjectMeta
	Spec       ServiceSpec
	Status     ServiceStatus
}

func (s Service) GetAnnotations() map[string]string { return s.ObjectMeta.Annotations }

type Pod struct {
	ObjectMeta ObjectMeta
	Status     struct{ HostIP string }
}
type Case struct {
	KeepalivedGroup KeepalivedGroup
	Services        []Service
	KeepalivedPods  []Pod
	AuthPass        string
}

func must(err error) {
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
}

func literalBlock(yaml, key string) string {
	lines := strings.Split(yaml, "\n")
	out := []string{}
	indent := -1
	in := false
	for _, l := range lines {
		if !in {
			if strings.TrimSpace(l) == key+": |" {
				in = true
			}
			continue
		}
		if strings.TrimSpace(l) == "" {
			if indent >= 0 && len(l) > indent {
				out = append(out, l[indent:])
			} else {
				out = append(out, "")
			}
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if indent < 0 {
			indent = n
		}
		if n < indent {
			break
		}
		out = append(out, l[indent:])
	}
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}

func main() {
	tmpl, err := os.ReadFile(os.Args[1])
	must(err)
	raw, err := os.ReadFile(os.Args[2])
	must(err)
	var c Case
	must(json.Unmarshal(raw, &c))
	// processTemplate sorts services by namespace then name, and pods by name.
	sort.SliceStable(c.Services, func(i, j int) bool {
		a, b := c.Services[i].ObjectMeta, c.Services[j].ObjectMeta
		if a.Namespace == b.Namespace {
			return a.Name < b.Name
		}
		return a.Namespace < b.Namespace
	})
	sort.SliceStable(c.KeepalivedPods, func(i, j int) bool { return c.KeepalivedPods[i].ObjectMeta.Name < c.KeepalivedPods[j].ObjectMeta.Name })
	t, err := template.New("KeepalivedGroup").Funcs(template.FuncMap{
		"parseJson": func(s string) map[string]string {
			m := map[string]string{}
			if s != "" {
				if json.Unmarshal([]byte(s), &m) != nil {
					return map[string]string{}
				}
			}
			return m
		},
		"mergeStringSlices": func(lbis []LBIngress, s2 []string) []string {
			seen := map[string]bool{}
			out := []string{}
			for _, l := range lbis {
				if l.IP != "" && !seen[l.IP] {
					seen[l.IP] = true
					out = append(out, l.IP)
				}
			}
			for _, s := range s2 {
				if !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			}
			return out
		},
		"modulus": func(a, b int) int { return a % b },
	}).Parse(string(tmpl))
	must(err)
	var buf bytes.Buffer
	must(t.Execute(&buf, map[string]interface{}{
		"KeepalivedGroup": c.KeepalivedGroup,
		"Services":        c.Services,
		"KeepalivedPods":  c.KeepalivedPods,
		"Misc":            map[string]string{"image": "quay.io/redhat-cop/keepalived-operator:latest", "supportsPodMonitor": "false", "authPass": c.AuthPass},
	}))
	os.Stdout.WriteString(literalBlock(buf.String(), "keepalived.conf"))
}
