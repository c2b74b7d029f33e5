// Renders the machine-config-operator on-prem keepalived templates the way a cluster does:
// stage 1 as MCO renders the MachineConfig file (Infra platform, IP families), stage 2 as
// baremetal-runtimecfg's keepalived-monitor renders keepalived.conf.tmpl for one node.
// FletcherChecksum8 is not defined here: render.sh extracts it from baremetal-runtimecfg's own
// pkg/utils/utils.go next to this file before building, so the VRIDs are upstream's.
//
//	go run . MCO_TEMPLATE.yaml CASE.json > keepalived.conf
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"text/template"
)

type PlatformStatus struct{ Type string }
type InfraStatus struct{ PlatformStatus PlatformStatus }
type Infra struct{ Status InfraStatus }
type Stage1 struct {
	Infra      Infra
	IPFamilies string
}

// Field names are the ones baremetal-runtimecfg's templates read (pkg/config Node/Cluster).
type Cluster struct {
	Name                   string
	APIVIP                 string
	APIVirtualRouterID     uint8
	IngressVIP             string
	IngressVirtualRouterID uint8
	VIPNetmask             int
}
type Backend struct {
	Host    string
	Address string
	Port    uint16
}
type ApiLBConfig struct {
	ApiPort  uint16
	Backends []Backend
}
type IngressConfig struct{ Peers []string }
type Node struct {
	Cluster       Cluster
	LBConfig      ApiLBConfig
	NonVirtualIP  string
	VRRPInterface string
	IngressConfig IngressConfig
	EnableUnicast bool
	Configs       *[]Node
}

type Case struct {
	Platform   string
	IPFamilies string
	// One entry per API/ingress VIP pair (GetConfig's Configs), VRIDs left to PopulateVRIDs.
	Configs []Node
}

func must(err error) {
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
}

// The `inline: |` block of the rendered MachineConfig file, as YAML reads a literal scalar.
func inline(yaml string) string {
	lines := strings.Split(yaml, "\n")
	out := []string{}
	in := false
	for _, l := range lines {
		if !in {
			if strings.TrimSpace(l) == "inline: |" {
				in = true
			}
			continue
		}
		if strings.HasPrefix(l, "    ") {
			out = append(out, l[4:])
		} else if strings.TrimSpace(l) == "" {
			out = append(out, "")
		} else {
			break
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}

func main() {
	tmplText, err := os.ReadFile(os.Args[1])
	must(err)
	caseText, err := os.ReadFile(os.Args[2])
	must(err)
	var c Case
	must(json.Unmarshal(caseText, &c))
	var stage1 bytes.Buffer
	t1, err := template.New("mco").Parse(string(tmplText))
	must(err)
	must(t1.Execute(&stage1, Stage1{Infra{InfraStatus{PlatformStatus{c.Platform}}}, c.IPFamilies}))
	for i := range c.Configs {
		cl := &c.Configs[i].Cluster
		// PopulateVRIDs (pkg/config/node.go): fletcher8 + 1, ingress bumped on a tie.
		cl.APIVirtualRouterID = FletcherChecksum8(cl.Name+"-api") + 1
		cl.IngressVirtualRouterID = FletcherChecksum8(cl.Name+"-ingress") + 1
		if cl.IngressVirtualRouterID == cl.APIVirtualRouterID {
			cl.IngressVirtualRouterID++
		}
	}
	node := c.Configs[0]
	node.Configs = &c.Configs
	t2, err := template.New("runtimecfg").Parse(inline(stage1.String()))
	must(err)
	must(t2.Execute(os.Stdout, node))
}
