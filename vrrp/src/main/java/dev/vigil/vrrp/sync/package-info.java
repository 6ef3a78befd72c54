/** vrrp_sync_group: members that change state together. */
package dev.vigil.vrrp.sync;
