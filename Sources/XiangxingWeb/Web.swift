import Hummingbird
import HummingbirdAuth
import Mustache
import MultipartKit
