/** vrrp_script result tracking (rise/fall hysteresis) as pure code. */
package dev.vigil.vrrp.track;
