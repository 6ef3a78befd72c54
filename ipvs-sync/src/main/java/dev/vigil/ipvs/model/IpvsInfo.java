package dev.vigil.ipvs.model;

/** IPVS_CMD_GET_INFO: the kernel's IPVS version code (e.g. 0x010201 = 1.2.1) and connection hash table size. */
public record IpvsInfo(int versionCode, int connTableSize) {
    /** "1.2.1". */
    public String versionText() {
        return ((versionCode >> 16) & 0xff) + "." + ((versionCode >> 8) & 0xff) + "." + (versionCode & 0xff);
    }
}
