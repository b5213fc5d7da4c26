package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.oci.runtime.Spec;

/** hugetlb: limits per huge page size. */
final class V1Hugetlb implements V1Controller {
    @Override
    public String controller() {
        return "hugetlb";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        return r.hugepageLimits() != null && !r.hugepageLimits().isEmpty();
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        for (Spec.HugepageLimit h : r.hugepageLimits()) {
            dir.write("hugetlb." + CgroupValues.hugepageSize(h.pageSize()) + ".limit_in_bytes",
                    CgroupValues.v1Bytes("hugepage limit", h.limit()));
        }
    }
}
