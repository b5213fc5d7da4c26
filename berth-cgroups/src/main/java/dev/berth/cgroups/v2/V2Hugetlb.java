package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.oci.runtime.Spec;

/** hugetlb: hugetlb.SIZE.max per page size. */
final class V2Hugetlb implements V2Controller {
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
        for (Spec.HugepageLimit h : r.hugepageLimits())
            dir.write("hugetlb." + CgroupValues.hugepageSize(h.pageSize()) + ".max", CgroupValues.v2Max("hugepage limit", h.limit()));
    }
}
