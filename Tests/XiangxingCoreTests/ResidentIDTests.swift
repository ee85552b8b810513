import Testing
import XiangxingCore

@Suite("ResidentID and PhoneMask: 公民身份号码 and phone numbers")
struct ResidentIDTests {
    @Test("The standard's own example 11010519491231002X is valid, with x accepted as X")
    func standardExample() {
        #expect(ResidentID.validate("11010519491231002X") == nil)
        #expect(ResidentID.validate("11010519491231002x") == nil)
        #expect(ResidentID.checkCharacter([1, 1, 0, 1, 0, 5, 1, 9, 4, 9, 1, 2, 3, 1, 0, 0, 2]) == "X")
    }

    @Test("A wrong check digit reports the one the first 17 digits call for")
    func wrongCheckDigit() {
        #expect(ResidentID.validate("110105194912310021") == .checkDigit(expected: "X"))
        // 41132819900315123: 4·7+1·9+1·10+3·5+2·8+8·4+1·2+9·1+9·6+0·3+0·7+3·9+1·10
        // +5·5+1·8+2·4+3·2 = 259; 259 mod 11 = 6 → "6" in 1 0 X 9 8 7 6 5 4 3 2.
        #expect(ResidentID.validate("411328199003151231") == .checkDigit(expected: "6"))
        #expect(ResidentID.validate("41132819900315123X") == .checkDigit(expected: "6"))
        #expect(ResidentID.validate("411328199003151236") == nil)
    }

    @Test("Every attendee ID the fixture makes is valid")
    func fixtureIDsAreValid() {
        for id in [TinyScenario.a0, TinyScenario.a1, TinyScenario.a2, TinyScenario.a3,
                   TinyScenario.b0, TinyScenario.b1] {
            #expect(ResidentID.validate(id) == nil, "\(ResidentID.masked(id))")
        }
    }

    @Test("A birth date that does not exist is reported as such, even with a right check digit")
    func badBirthDate() {
        #expect(ResidentID.validate(residentID("411328", born: "19900230", sequence: "123")) == .badBirthDate)
        #expect(ResidentID.validate(residentID("411330", born: "20190229", sequence: "022")) == .badBirthDate)
        #expect(ResidentID.validate(residentID("411323", born: "18991231", sequence: "011")) == .badBirthDate)
        #expect(ResidentID.validate(residentID("411323", born: "20000229", sequence: "011")) == nil)
    }

    @Test("Wrong length and non-digits are reported")
    func shapeProblems() {
        #expect(ResidentID.validate("41132819900315123") == .wrongLength(17))
        #expect(ResidentID.validate("4113281990031512345") == .wrongLength(19))
        #expect(ResidentID.validate("41132819900315A23X") == .notDigits)
        #expect(ResidentID.validate("41132819900315123Y") == .notDigits)
        #expect(ResidentID.validate("４11328199003151231") == .notDigits)
    }

    @Test("Gender comes from the 17th digit: odd is 男, even is 女")
    func gender() {
        #expect(ResidentID.gender("11010519491231002X") == .female)
        #expect(ResidentID.gender(TinyScenario.a1) == .male)    // sequence 123
        #expect(ResidentID.gender(TinyScenario.a0) == .female)  // sequence 022
    }

    @Test("masked() keeps the 6-digit area code and the last 4 characters only")
    func maskedID() {
        #expect(ResidentID.masked("411328199003151234") == "411328********1234")
        #expect(ResidentID.masked("11010519491231002X") == "110105********002X")
        #expect(ResidentID.masked("1234567890") == "**********")
    }

    @Test("PhoneMask keeps the first 3 and last 4 digits of a mobile number")
    func phoneMask() {
        #expect(PhoneMask.masked("13837712345") == "138****2345")
        #expect(PhoneMask.masked("03776221234") == "037****1234")
        #expect(PhoneMask.masked("123456") == "******")
    }

    @Test("PhoneMask never prints a short local number in full: 7 digits are all masked")
    func shortLocalNumbersMasked() {
        #expect(PhoneMask.masked("6221234") == "*******")
        #expect(PhoneMask.masked("62211234") == "622*1234")
    }
}

@Suite("PhoneNumber and Excel-damaged IDs: input a clerk gets wrong")
struct PhoneAndExcelTests {
    @Test("A mobile has 11 digits starting with 1: 1380831231 (ten) is refused, not masked as 138***1231")
    func mobileLength() {
        #expect(PhoneNumber.validate("13808312310") == nil)
        #expect(PhoneNumber.validate("138 0831 2310") == nil)
        #expect(PhoneNumber.validate("+86 138-0831-2310") == nil)
        #expect(PhoneNumber.validate("1380831231") == .mobileLength(10))
        #expect(PhoneNumber.validate("138083123100") == .mobileLength(12))
    }

    @Test("A landline needs its area code: 0377-63123456 is valid, 63123456 is not a phone")
    func landline() {
        #expect(PhoneNumber.validate("0377-63123456") == nil)
        #expect(PhoneNumber.validate("010-12345678") == nil)
        #expect(PhoneNumber.validate("0377-63123456转8001") == nil)
        #expect(PhoneNumber.validate("0377-631234") == .landline(10))
        #expect(PhoneNumber.validate("63123456") == .notAPhone)
        #expect(PhoneNumber.validate("1.38083E+10") == .notAPhone)
    }

    @Test("What Excel makes of an ID (4.11328E+17, or 15 digits and 000) is told apart from a typo")
    func excelDamage() {
        #expect(ResidentID.isExcelDamaged("4.11328E+17"))
        #expect(ResidentID.isExcelDamaged("4.11328196812014E+17"))
        #expect(ResidentID.isExcelDamaged("411302198709150000"))   // 411302198709150755 after Excel
        #expect(!ResidentID.isExcelDamaged("41132819681201481X"))
        #expect(!ResidentID.isExcelDamaged("110105194912310021"))
    }

    @Test("The birth date is read from digits 7–14")
    func birthDate() {
        #expect(ResidentID.birthDate("11010519491231002X") == day("1949-12-31"))
    }
}
