package org.mondo.mindi.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pci:v00001AF4d00001001sv*sd*bc*sc*i*|pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00|true",
            "pci:v00001AF4d00001001sv*sd*bc*sc*i*|pci:v00001AF4d00001002sv00001AF4sd00000002bc01sc00i00|false",
            "pci:v*d*sv*sd*bc01sc08i02*|pci:v0000144Dd0000A808sv0000144Dsd0000A801bc01sc08i02|true",
            "pci:v*d*sv*sd*bc01sc06i01*|pci:v00008086d00002922sv00001AF4sd00001100bc01sc06i01|true",
            "usb:v*p*d*dc*dsc*dp*ic08isc06ip50in*|usb:v0781p5567d0100dc00dsc00dp00ic08isc06ip50in00|true",
            "usb:v0781p5567d0[0-1]*dc*|usb:v0781p5567d0100dc00|true",
            "usb:v0781p5567d0[!0-1]*dc*|usb:v0781p5567d0100dc00|false",
            "usb:v0781p5567d0[^2]*|usb:v0781p5567d0100|true",
            "dmi*:svnLENOVO:*|dmi:bvnX:svnLENOVO:pn20|true",
            "a?c|abc|true",
            "a?c|ac|false",
            "a*|a|true",
            "*|''|true",
            "a\\*b|a*b|true",
            "a\\*b|axb|false",
            "[]]x|]x|true",
            "[a-|[a-|true",
            "*a*a*a*b|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|false",
            "cpu:type:x86,ven*fam*mod*:feature:*0081*|cpu:type:x86,ven0002fam0019mod0011:feature:,0000,0081,0100|true",
    })
    void matchesLikeFnmatch(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, text), pattern + " vs " + text);
    }
}
