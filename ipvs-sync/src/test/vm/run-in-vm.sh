#!/bin/bash
# Runs one command inside a QEMU guest that boots the stock Debian kernel (which has IPVS, unlike the
# project machine's kernel) with the host's root file system shared read-only over 9p.
#
#   run-in-vm.sh [--timeout SECONDS] [--results DIR] [--cache DIR] -- COMMAND [ARG...]
#
# The command runs as root, chrooted in the host root, with tmpfs on /tmp and /run (a checkout below either is
# bound back in). It may write files to
# $VIGIL_VM_RESULTS (= /tmp/vm-results in the guest), which is the host directory given by --results.
# The guest's console is copied to stdout when QEMU exits; the last line is "VIGIL-VM-RESULT rc=<exit code>" when the
# command completed. The script exits with the command's exit code, 124 on timeout, 125 on a harness failure.
# The initramfs (busybox + the kernel modules below) is built once and cached (default: ../../../target/vm).
# QEMU uses KVM when /dev/kvm is usable and the CPU shows hardware virtualisation (vmx/svm), else TCG:
# VIGIL_VM_ACCEL=tcg or =kvm forces one. (The build machine, itself a VM, has a /dev/kvm without vmx/svm: QEMU opens
# it, but the guest kernel hangs in early boot.) The accelerator used is printed as "run-in-vm: accel=...".
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
TIMEOUT=300
RESULTS=""
CACHE="$HERE/../../../target/vm"
MODULES=(9p 9pnet_virtio virtio_pci ip_vs ip_vs_rr ip_vs_wrr ip_vs_wlc ip_vs_lc ip_vs_sh ip_vs_dh ip_vs_sed
         ip_vs_nq ip_vs_lblc ip_vs_lblcr ip_vs_mh ip_vs_fo ip_vs_ovf ip_vs_ftp veth bridge nf_conntrack)

while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) TIMEOUT=$2; shift 2 ;;
    --results) RESULTS=$2; shift 2 ;;
    --cache) CACHE=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--timeout S] [--results DIR] [--cache DIR] -- COMMAND [ARG...]" >&2; exit 125; }

fail() { echo "run-in-vm: $*" >&2; exit 125; }

KERNEL=$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)
[ -n "$KERNEL" ] || fail "no /boot/vmlinuz-* (apt-get install linux-image-amd64)"
KVER=${KERNEL#/boot/vmlinuz-}
[ -d "/lib/modules/$KVER" ] || fail "no /lib/modules/$KVER"
BUSYBOX=$(command -v busybox) || fail "busybox not found (apt-get install busybox-static)"
command -v qemu-system-x86_64 >/dev/null || fail "qemu-system-x86_64 not found (apt-get install qemu-system-x86)"

mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
WORK=$(mktemp -d /tmp/vigil-vm.XXXXXX)
OWN_RESULTS=0
if [ -z "$RESULTS" ]; then RESULTS="$WORK/results"; OWN_RESULTS=1; fi
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
QEMU_PID=""
cleanup() {
  if [ -n "$QEMU_PID" ] && kill -0 "$QEMU_PID" 2>/dev/null; then kill -9 "$QEMU_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- initramfs (cached; the key covers the kernel, the module list and this script) -----------------------
KEY=$( { echo "$KVER ${MODULES[*]}"; cat "$0"; } | sha256sum | cut -c1-16)
INITRD="$CACHE/initramfs-$KVER-$KEY.cpio.gz"
if [ ! -s "$INITRD" ]; then
  ROOT="$WORK/initramfs"
  mkdir -p "$ROOT"/{bin,dev,proc,sys,mnt/host,mnt/results,modules}
  cp "$BUSYBOX" "$ROOT/bin/busybox"
  for tool in sh mount umount insmod mkdir chroot poweroff echo cat sleep ip; do ln -s busybox "$ROOT/bin/$tool"; done
  : > "$ROOT/modules/order"
  for m in "${MODULES[@]}"; do
    modprobe -S "$KVER" --show-depends "$m" | awk '$1 == "insmod" {print $2}'
  done | awk '!seen[$0]++' | while read -r ko; do
    base=$(basename "$ko")
    case "$ko" in
      *.ko) cp "$ko" "$ROOT/modules/$base" ;;
      *.ko.xz) xz -dc "$ko" > "$ROOT/modules/${base%.xz}"; base=${base%.xz} ;;
      *.ko.zst) zstd -qdc "$ko" > "$ROOT/modules/${base%.zst}"; base=${base%.zst} ;;
      *) fail "unexpected module file $ko" ;;
    esac
    echo "$base" >> "$ROOT/modules/order"
  done
  cat > "$ROOT/init" <<'EOF'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for ko in $(cat /modules/order); do insmod /modules/$ko 2>/dev/null || echo "vm-init: insmod $ko failed"; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose host /mnt/host || echo "vm-init: mount host failed"
R=/mnt/host
# A checkout under /tmp or /run (CI may clone there) would vanish under the tmpfs mounts below: stage it first.
B=""
for w in $(cat /proc/cmdline); do case "$w" in vigil_bind=*) B=${w#vigil_bind=} ;; esac; done
if [ -n "$B" ]; then mkdir -p /stage && mount -o bind "$R$B" /stage || echo "vm-init: stage $B failed"; fi
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
mount -t tmpfs tmpfs $R/tmp
mount -t tmpfs tmpfs $R/run
if [ -n "$B" ]; then mkdir -p "$R$B" && mount -o bind /stage "$R$B" || echo "vm-init: bind $B failed"; fi
mkdir -p $R/tmp/vm-results
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 results $R/tmp/vm-results || echo "vm-init: mount results failed"
ip link set lo up
echo "VIGIL-VM-BOOTED uptime=$(cut -d" " -f1 /proc/uptime)s"
chroot $R /bin/sh -c 'cd /tmp && VIGIL_VM_RESULTS=/tmp/vm-results PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp /bin/sh /tmp/vm-results/.command.sh' < /dev/console > /dev/console 2>&1
echo "VIGIL-VM-RESULT rc=$?"
umount $R/tmp/vm-results
poweroff -f
EOF
  chmod +x "$ROOT/init"
  (cd "$ROOT" && find . | cpio -o -H newc --quiet | gzip -1) > "$INITRD.tmp.$$"
  mv "$INITRD.tmp.$$" "$INITRD"   # atomic: concurrent runs never see half an image
fi

# --- the command, handed over through the results export ----------------------------------------------------
{
  echo '#!/bin/sh'
  printf 'exec'
  for a in "$@"; do printf " '%s'" "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"; done
  echo
} > "$RESULTS/.command.sh"

# --- boot ----------------------------------------------------------------------------------------------------
# The guest mounts tmpfs on /tmp and /run; a checkout below either is bound back in (see init).
REPO=$(cd "$HERE/../../../.." && pwd)
APPEND="console=ttyS0 quiet panic=-1"
case "$REPO" in /tmp/*|/run/*) APPEND="$APPEND vigil_bind=$REPO" ;; esac
CONSOLE="$WORK/console.log"
ACCEL=${VIGIL_VM_ACCEL:-auto}
if [ "$ACCEL" = auto ]; then
  if [ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then ACCEL=kvm; else ACCEL=tcg; fi
fi
case "$ACCEL" in
  kvm) ACCEL_ARGS=(-accel kvm -cpu host) ;;
  tcg) ACCEL_ARGS=(-accel tcg -cpu max) ;;
  *) fail "VIGIL_VM_ACCEL must be auto, kvm or tcg, not $ACCEL" ;;
esac
echo "run-in-vm: accel=$ACCEL" >&2
START=$(date +%s%N)
qemu-system-x86_64 "${ACCEL_ARGS[@]}" -m 2048 -smp 2 -nographic -no-reboot -net none \
  -kernel "$KERNEL" -initrd "$INITRD" -append "$APPEND" \
  -virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
  -virtfs local,path="$RESULTS",mount_tag=results,security_model=none,multidevs=remap \
  < /dev/null > "$CONSOLE" 2>&1 &
QEMU_PID=$!
TIMED_OUT=0
deadline=$(( $(date +%s) + TIMEOUT ))
while kill -0 "$QEMU_PID" 2>/dev/null; do
  if [ "$(date +%s)" -ge "$deadline" ]; then TIMED_OUT=1; kill -9 "$QEMU_PID" 2>/dev/null || true; break; fi
  sleep 0.2
done
wait "$QEMU_PID" 2>/dev/null || true
END=$(date +%s%N)
tr -d '\r' < "$CONSOLE"
echo "run-in-vm: qemu ran $(( (END - START) / 1000000 )) ms" >&2
rm -f "$RESULTS/.command.sh"

if [ "$TIMED_OUT" = 1 ]; then echo "run-in-vm: timed out after ${TIMEOUT}s" >&2; exit 124; fi
RC=$(tr -d '\r' < "$CONSOLE" | sed -n 's/^VIGIL-VM-RESULT rc=\([0-9]*\).*/\1/p' | tail -n 1)
[ -n "$RC" ] || fail "the guest powered off without a result marker"
exit "$RC"
